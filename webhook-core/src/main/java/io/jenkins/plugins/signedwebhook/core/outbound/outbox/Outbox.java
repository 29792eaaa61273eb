package io.jenkins.plugins.signedwebhook.core.outbound.outbox;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Durable storage of messages between their creation and the end of their delivery. A message is added before its
 * first attempt and leaves only when delivered ({@link #remove}) or given up ({@link #bury}). Implementations:
 * {@link FileOutbox} (Jenkins); the receiver adds one on SQLite. Callers never write one id from two threads at once.
 */
public interface Outbox {

    /** Stores a new message; durable when this returns. */
    void add(OutboxRecord record) throws IOException;

    /** Every message still to deliver, soonest due first; entries that cannot be read are set aside, not returned. */
    List<OutboxRecord> pending() throws IOException;

    /** The pending message with {@code id}, if there is one. */
    Optional<OutboxRecord> find(String id) throws IOException;

    /** Replaces the stored record of the same id after a failed attempt that will be retried. */
    void update(OutboxRecord record) throws IOException;

    /** Forgets a delivered message. */
    void remove(String id) throws IOException;

    /** Moves a message whose delivery ended without success to the dead letters. */
    void bury(DeadLetter deadLetter) throws IOException;

    List<DeadLetter> deadLetters() throws IOException;
}
