package org.kohsuke.stapler.export;

/** Stub of stapler 1903.1905.ve5a_f469356f0 {@code org.kohsuke.stapler.export.CustomExportedBean}, without members. */
public interface CustomExportedBean {
}
