package jenkins.widgets;

/** Stub of jenkins-2.479.3 {@code jenkins.widgets.HasWidgets}, without members. */
public interface HasWidgets {
}
