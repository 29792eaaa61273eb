package io.jenkins.plugins.signedwebhook.receiver.store;

/**
 * A process as the kernel tells it apart from any later one: its pid and its start time, in clock ticks after boot
 * ({@code /proc/<pid>/stat} field 22), since a pid is given to a new process once its old one is gone.
 */
public record ProcessIdentity(long pid, long startTicks) {}
