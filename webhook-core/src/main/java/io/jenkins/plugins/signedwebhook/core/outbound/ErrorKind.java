package io.jenkins.plugins.signedwebhook.core.outbound;

/** Why an attempt did not deliver. */
public enum ErrorKind {
    /** The receiver answered with a status other than 2xx. */
    HTTP_STATUS,
    /** No connection: refused, reset, unreachable, or the host name did not resolve. */
    CONNECT_FAILED,
    /** Connecting or the whole exchange took longer than its timeout. */
    TIMEOUT,
    /** The connection broke during the exchange. */
    IO_ERROR,
    /** The URL policy refused the target; never retried. */
    URL_REFUSED,
    /** The secret reference did not resolve to a secret; retried, since an administrator can fix it. */
    SECRET_UNAVAILABLE
}
