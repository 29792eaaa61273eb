package org.jenkinsci.remoting;

import java.io.Serializable;

/** Stub of remoting 3261.v9c670a_4748a_9 {@code org.jenkinsci.remoting.SerializableOnlyOverRemoting}, without members. */
public interface SerializableOnlyOverRemoting extends Serializable {
}
