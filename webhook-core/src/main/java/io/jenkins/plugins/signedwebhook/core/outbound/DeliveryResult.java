package io.jenkins.plugins.signedwebhook.core.outbound;

import java.util.List;

/** How delivery of one message ended, with every attempt in order. */
public sealed interface DeliveryResult {

    String id();

    List<Attempt> attempts();

    boolean delivered();

    record Delivered(String id, List<Attempt> attempts) implements DeliveryResult {
        public Delivered {
            attempts = List.copyOf(attempts);
        }

        @Override
        public boolean delivered() {
            return true;
        }
    }

    record GaveUp(String id, StopReason reason, List<Attempt> attempts) implements DeliveryResult {
        public GaveUp {
            attempts = List.copyOf(attempts);
        }

        @Override
        public boolean delivered() {
            return false;
        }
    }
}
