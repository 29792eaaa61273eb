package jenkins.scm.api.mixin;

/** Stub of scm-api {@code jenkins.scm.api.mixin.TagSCMHead}: marks a head that is a tag (since scm-api 2.0). */
public interface TagSCMHead {
    long getTimestamp();
}
