package hudson.model;

/** Stub of jenkins-2.479.3 {@code hudson.model.ResourceController}, without members. */
public class ResourceController {
}
