package com.cloudbees.plugins.credentials.domains;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/**
 * Stub of credentials 1415.v831096eb_5534 {@code com.cloudbees.plugins.credentials.domains.Domain}. Its real constructor
 * takes {@code DomainSpecification}s, which are not stubbed; the private one here only keeps javac from adding a
 * public default constructor.
 */
public class Domain implements Serializable {
    private Domain() {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public static Domain global() {
        throw new UnsupportedOperationException("stub");
    }
}
