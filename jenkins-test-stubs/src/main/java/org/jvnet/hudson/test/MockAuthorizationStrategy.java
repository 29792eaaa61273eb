package org.jvnet.hudson.test;

import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.User;
import hudson.security.AuthorizationStrategy;
import hudson.security.Permission;
import java.util.Set;

/** Stub of jenkins-test-harness {@code org.jvnet.hudson.test.MockAuthorizationStrategy}: the fluent grants. */
public class MockAuthorizationStrategy extends AuthorizationStrategy {
    public MockAuthorizationStrategy() {
        throw new UnsupportedOperationException("stub");
    }

    public Grant grant(Permission... permissions) {
        throw new UnsupportedOperationException("stub");
    }

    public Grant grantWithoutImplication(Permission... permissions) {
        throw new UnsupportedOperationException("stub");
    }

    /** Stub of jenkins-test-harness {@code org.jvnet.hudson.test.MockAuthorizationStrategy.Grant}. */
    public class Grant {
        Grant(Set<Permission> permissions) {
            throw new UnsupportedOperationException("stub");
        }

        public GrantOn everywhere() {
            throw new UnsupportedOperationException("stub");
        }

        public GrantOn onRoot() {
            throw new UnsupportedOperationException("stub");
        }

        public GrantOn onItems(Item... items) {
            throw new UnsupportedOperationException("stub");
        }

        public GrantOn onFolders(ItemGroup<?>... folders) {
            throw new UnsupportedOperationException("stub");
        }

        public GrantOn onPaths(String... pathRegexps) {
            throw new UnsupportedOperationException("stub");
        }

        /** Stub of jenkins-test-harness {@code org.jvnet.hudson.test.MockAuthorizationStrategy.Grant.GrantOn}. */
        public class GrantOn {
            GrantOn(String regexp) {
                throw new UnsupportedOperationException("stub");
            }

            public MockAuthorizationStrategy to(String... sids) {
                throw new UnsupportedOperationException("stub");
            }

            public MockAuthorizationStrategy to(User... users) {
                throw new UnsupportedOperationException("stub");
            }

            public MockAuthorizationStrategy toEveryone() {
                throw new UnsupportedOperationException("stub");
            }

            public MockAuthorizationStrategy toAuthenticated() {
                throw new UnsupportedOperationException("stub");
            }
        }
    }
}
