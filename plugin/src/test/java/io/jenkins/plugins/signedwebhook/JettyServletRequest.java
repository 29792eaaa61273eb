package io.jenkins.plugins.signedwebhook;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.server.Request;

/**
 * The shape of Jetty 12's ee10 {@code ServletApiRequest}, the servlet request Winstone hands Jenkins: a servlet
 * request with a public {@code getRequest()} answering the core request behind it. Public, as the real class is.
 */
public interface JettyServletRequest extends HttpServletRequest {
    Request getRequest();
}
