package org.kohsuke.stapler;

/** Stub of stapler 1903.1905.ve5a_f469356f0 {@code org.kohsuke.stapler.StaplerFallback}, without members. */
public interface StaplerFallback {
}
