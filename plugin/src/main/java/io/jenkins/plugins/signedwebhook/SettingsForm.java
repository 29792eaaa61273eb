package io.jenkins.plugins.signedwebhook;

import java.util.Optional;
import java.util.function.Function;

/**
 * One submit of the global configuration form, apart from Jenkins so it is tested alone: the whole form is checked
 * first, and only a usable one is bound and saved, once (and saving applies it, once).
 */
final class SettingsForm {
    private SettingsForm() {}

    /** Why a submitted form is refused: the field to show it under, and the message. */
    record Refusal(String field, String message) {}

    static Optional<Refusal> submit(Function<String, String> submitted, Runnable bind, Runnable save) {
        Optional<Refusal> refusal = check(submitted);
        if (refusal.isEmpty()) {
            bind.run();
            save.run();
        }
        return refusal;
    }

    /** The first refused field of the form; fields that were not submitted are not checked. */
    static Optional<Refusal> check(Function<String, String> submitted) {
        Optional<Refusal> limit = ConfigurationLimits.firstProblem(submitted);
        if (limit.isPresent()) {
            return limit;
        }
        String hosts = submitted.apply("callbackAllowedHosts");
        Optional<Refusal> hostProblem = hosts == null ? Optional.empty()
                : CallbackHosts.problem(hosts).map(p -> new Refusal("callbackAllowedHosts", p));
        if (hostProblem.isPresent()) {
            return hostProblem;
        }
        String proxies = submitted.apply("trustedProxies");
        return proxies == null ? Optional.empty() : TrustedProxies.problem(proxies).map(p -> new Refusal("trustedProxies", p));
    }
}
