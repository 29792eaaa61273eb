package org.jvnet.hudson.test;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Descriptor;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Node;
import hudson.model.Queue;
import hudson.model.Result;
import hudson.model.RootAction;
import hudson.model.Run;
import hudson.model.TopLevelItem;
import hudson.model.User;
import hudson.security.AbstractPasswordBasedSecurityRealm;
import hudson.tasks.Builder;
import java.io.IOException;
import java.net.URL;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;
import org.htmlunit.FailingHttpStatusCodeException;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.WebResponseWrapper;
import org.htmlunit.xml.XmlPage;
import org.junit.rules.MethodRule;
import org.junit.rules.TestRule;
import org.junit.runner.Description;
import org.junit.runners.model.FrameworkMethod;
import org.junit.runners.model.Statement;
import org.xml.sax.SAXException;

/**
 * Stub of jenkins-test-harness {@code org.jvnet.hudson.test.JenkinsRule}: the convenience methods tests call.
 * {@code JSONWebResponse.getJSONObject()} and {@code WebClient.putJSON}/{@code postJSON(String, JSON)} are left
 * out, so no {@code net.sf.json} (Jenkins' json-lib, not on Maven Central) is stubbed.
 */
public class JenkinsRule implements TestRule, MethodRule, RootAction {
    public Jenkins jenkins;

    public Jenkins getInstance() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Statement apply(Statement base, FrameworkMethod method, Object target) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Statement apply(final Statement base, final Description description) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException("stub");
    }

    public <T extends TopLevelItem> T createProject(Class<T> type, String name) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public <T extends TopLevelItem> T createProject(Class<T> type) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public FreeStyleProject createFreeStyleProject() throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public FreeStyleProject createFreeStyleProject(String name) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public MockFolder createFolder(String name) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public DummySecurityRealm createDummySecurityRealm() {
        throw new UnsupportedOperationException("stub");
    }

    /** Stub of jenkins-test-harness {@code org.jvnet.hudson.test.JenkinsRule.DummySecurityRealm}. */
    public static class DummySecurityRealm extends AbstractPasswordBasedSecurityRealm {
        DummySecurityRealm() {
            throw new UnsupportedOperationException("stub");
        }

        public void addGroups(String username, String... groups) {
            throw new UnsupportedOperationException("stub");
        }
    }

    public URL getURL() throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public @NonNull String createApiToken(@NonNull User user) {
        throw new UnsupportedOperationException("stub");
    }

    public JSONWebResponse getJSON(@NonNull String path) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public JSONWebResponse postJSON(@NonNull String path, @NonNull Object json) throws IOException, SAXException {
        throw new UnsupportedOperationException("stub");
    }

    /** Stub of jenkins-test-harness {@code org.jvnet.hudson.test.JenkinsRule.JSONWebResponse}, without {@code getJSONObject()}. */
    public static class JSONWebResponse extends WebResponseWrapper {
        public JSONWebResponse(WebResponse webResponse) throws IllegalArgumentException {
            super(webResponse);
            throw new UnsupportedOperationException("stub");
        }
    }

    public void configRoundtrip() throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public <P extends Item> P configRoundtrip(P job) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public <B extends Builder> B configRoundtrip(B before) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public User configRoundtrip(User u) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public <N extends Node> N configRoundtrip(N node) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public <R extends Run> R assertBuildStatus(Result status, R r) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public <R extends Run> R assertBuildStatus(Result status, Future<? extends R> r) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public <R extends Run> R assertBuildStatusSuccess(R r) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public <R extends Run> R assertBuildStatusSuccess(Future<? extends R> r) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public <J extends Job<J, R> & ParameterizedJobMixIn.ParameterizedJob<J, R>, R extends Run<J, R> & Queue.Executable> R buildAndAssertSuccess(@NonNull J job) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public <J extends Job<J, R> & ParameterizedJobMixIn.ParameterizedJob<J, R>, R extends Run<J, R> & Queue.Executable> R buildAndAssertStatus(@NonNull Result status, @NonNull J job) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    @NonNull
    public FreeStyleBuild buildAndAssertSuccess(@NonNull FreeStyleProject job) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public void assertLogContains(String substring, Run run) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public void assertLogNotContains(String substring, Run run) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public static String getLog(Run run) throws IOException {
        throw new UnsupportedOperationException("stub");
    }

    public <R extends Run<?, ?>> R waitForCompletion(R r) throws InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    public <R extends Run<?, ?>> R waitForMessage(String message, R r) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("stub");
    }

    public HtmlPage submit(HtmlForm form) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public HtmlPage submit(HtmlForm form, String name) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public void setQuietPeriod(int qp) {
        throw new UnsupportedOperationException("stub");
    }

    public <T extends Descriptor<?>> T get(Class<T> d) {
        throw new UnsupportedOperationException("stub");
    }

    public boolean isSomethingHappening() {
        throw new UnsupportedOperationException("stub");
    }

    public void waitUntilNoActivity() throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public void waitUntilNoActivityUpTo(int timeout) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public <V> V executeOnServer(Callable<V> c) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public WebClient createWebClient() {
        throw new UnsupportedOperationException("stub");
    }

    /** Stub of jenkins-test-harness {@code org.jvnet.hudson.test.JenkinsRule.WebClient}, on the real HtmlUnit client. */
    public class WebClient extends org.htmlunit.WebClient {
        public WebClient() {
            throw new UnsupportedOperationException("stub");
        }

        public WebClient login(String username, String password) throws Exception {
            throw new UnsupportedOperationException("stub");
        }

        public WebClient login(String username, String password, boolean rememberMe) throws Exception {
            throw new UnsupportedOperationException("stub");
        }

        public WebClient login(String username) throws Exception {
            throw new UnsupportedOperationException("stub");
        }

        @Override
        public boolean isJavaScriptEnabled() {
            throw new UnsupportedOperationException("stub");
        }

        public void setJavaScriptEnabled(boolean enabled) {
            throw new UnsupportedOperationException("stub");
        }

        public WebClient withJavaScriptEnabled(boolean enabled) {
            throw new UnsupportedOperationException("stub");
        }

        public boolean isThrowExceptionOnFailingStatusCode() {
            throw new UnsupportedOperationException("stub");
        }

        public void setThrowExceptionOnFailingStatusCode(boolean enabled) {
            throw new UnsupportedOperationException("stub");
        }

        public WebClient withThrowExceptionOnFailingStatusCode(boolean enabled) {
            throw new UnsupportedOperationException("stub");
        }

        public boolean isRedirectEnabled() {
            throw new UnsupportedOperationException("stub");
        }

        public void setRedirectEnabled(boolean enabled) {
            throw new UnsupportedOperationException("stub");
        }

        public WebClient withRedirectEnabled(boolean enabled) {
            throw new UnsupportedOperationException("stub");
        }

        public <V> V executeOnServer(final Callable<V> c) throws Exception {
            throw new UnsupportedOperationException("stub");
        }

        public HtmlPage getPage(Run r) throws IOException, SAXException {
            throw new UnsupportedOperationException("stub");
        }

        public HtmlPage getPage(Run r, String relative) throws IOException, SAXException {
            throw new UnsupportedOperationException("stub");
        }

        public HtmlPage getPage(Item item) throws IOException, SAXException {
            throw new UnsupportedOperationException("stub");
        }

        public HtmlPage getPage(Item item, String relative) throws IOException, SAXException {
            throw new UnsupportedOperationException("stub");
        }

        public HtmlPage getPage(Node item) throws IOException, SAXException {
            throw new UnsupportedOperationException("stub");
        }

        public HtmlPage getPage(Node item, String relative) throws IOException, SAXException {
            throw new UnsupportedOperationException("stub");
        }

        @SuppressWarnings("unchecked")
        @Override
        public Page getPage(String url) throws IOException, FailingHttpStatusCodeException {
            throw new UnsupportedOperationException("stub");
        }

        public HtmlPage goTo(String relative) throws IOException, SAXException {
            throw new UnsupportedOperationException("stub");
        }

        public Page goTo(String relative, @CheckForNull String expectedContentType) throws IOException, SAXException {
            throw new UnsupportedOperationException("stub");
        }

        public XmlPage goToXml(String path) throws IOException, SAXException {
            throw new UnsupportedOperationException("stub");
        }

        public void assertFails(String url, int statusCode) throws Exception {
            throw new UnsupportedOperationException("stub");
        }

        public String getContextPath() throws IOException {
            throw new UnsupportedOperationException("stub");
        }

        public WebRequest addCrumb(WebRequest req) {
            throw new UnsupportedOperationException("stub");
        }

        public URL createCrumbedUrl(String relativePath) throws IOException {
            throw new UnsupportedOperationException("stub");
        }

        public @NonNull WebClient withBasicCredentials(@NonNull String login, @NonNull String passwordOrToken) {
            throw new UnsupportedOperationException("stub");
        }

        public @NonNull WebClient withBasicCredentials(@NonNull String loginAndPassword) {
            throw new UnsupportedOperationException("stub");
        }

        public @NonNull WebClient withBasicApiToken(@NonNull User user) {
            throw new UnsupportedOperationException("stub");
        }

        public @NonNull WebClient withBasicApiToken(@NonNull String userId) {
            throw new UnsupportedOperationException("stub");
        }

        public JSONWebResponse getJSON(@NonNull String path) throws IOException {
            throw new UnsupportedOperationException("stub");
        }
    }
}
