package hudson.security.csrf;

import hudson.ExtensionList;
import hudson.ExtensionPoint;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Stub of jenkins-2.479.3 {@code hudson.security.csrf.CrumbExclusion}, without the deprecated javax overload of {@code process}. */
public abstract class CrumbExclusion implements ExtensionPoint {
    public boolean process(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        throw new UnsupportedOperationException("stub");
    }

    public static ExtensionList<CrumbExclusion> all() {
        throw new UnsupportedOperationException("stub");
    }
}
