package io.jenkins.plugins.signedwebhook.core.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code WEBHOOK_*} environment variables a build or deploy command gets for a push: the only way payload values
 * reach user code, in the Jenkins plugin and the standalone receiver alike. A variable whose value is unknown (the
 * branch of a tag push) is left out rather than set empty.
 */
public final class PushVariables {
    public static final String REF = "WEBHOOK_REF";
    public static final String BRANCH = "WEBHOOK_BRANCH";
    public static final String TAG = "WEBHOOK_TAG";
    public static final String COMMIT = "WEBHOOK_COMMIT";
    public static final String BEFORE = "WEBHOOK_BEFORE";
    public static final String REPOSITORY = "WEBHOOK_REPOSITORY";
    public static final String PUSHER = "WEBHOOK_PUSHER";
    public static final String DELIVERY = "WEBHOOK_DELIVERY";
    public static final String EVENT = "WEBHOOK_EVENT";
    public static final String FORGE = "WEBHOOK_FORGE";

    private PushVariables() {}

    public static Map<String, String> of(String deliveryId, String event, PushEvent push) {
        Map<String, String> env = new LinkedHashMap<>();
        put(env, REF, push.ref());
        push.branch().ifPresent(b -> env.put(BRANCH, b));
        push.tag().ifPresent(t -> env.put(TAG, t));
        put(env, COMMIT, push.after());
        put(env, BEFORE, push.before());
        put(env, REPOSITORY, push.repository().fullName());
        put(env, PUSHER, push.pusher() != null ? push.pusher() : push.sender());
        put(env, DELIVERY, deliveryId);
        put(env, EVENT, event);
        put(env, FORGE, push.forge().id());
        return env;
    }

    private static void put(Map<String, String> env, String name, String value) {
        if (value != null && !value.isEmpty()) {
            env.put(name, value);
        }
    }
}
