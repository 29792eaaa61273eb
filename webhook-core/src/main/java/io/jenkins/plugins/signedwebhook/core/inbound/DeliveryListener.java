package io.jenkins.plugins.signedwebhook.core.inbound;

/** Told of every delivery the engine answered, with its record; an adapter that keeps no history passes none. */
@FunctionalInterface
public interface DeliveryListener {
    DeliveryListener NONE = record -> { };

    void recorded(DeliveryRecord record);
}
