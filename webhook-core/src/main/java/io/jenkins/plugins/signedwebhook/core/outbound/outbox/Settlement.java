package io.jenkins.plugins.signedwebhook.core.outbound.outbox;

/** How a submitted message left the outbox. */
public sealed interface Settlement {

    String id();

    /** Attempts made, including the last. */
    int attempts();

    boolean delivered();

    record Delivered(String id, int attempts) implements Settlement {
        @Override
        public boolean delivered() {
            return true;
        }
    }

    record DeadLettered(DeadLetter letter) implements Settlement {
        @Override
        public String id() {
            return letter.record().id();
        }

        @Override
        public int attempts() {
            return letter.record().attempts();
        }

        @Override
        public boolean delivered() {
            return false;
        }
    }
}
