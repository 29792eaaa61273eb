package org.kohsuke.stapler;

import edu.umd.cs.findbugs.annotations.NonNull;

/** Stub of stapler {@code org.kohsuke.stapler.HttpRedirect}: only the type, the return type of {@code Jenkins.doQuietDown()}. */
public final class HttpRedirect extends RuntimeException implements HttpResponse {
    public HttpRedirect(@NonNull String url) {
        throw new UnsupportedOperationException("stub");
    }
}
