package hudson.search;

/** Stub of jenkins-2.479.3 {@code hudson.search.SearchItem}, without members. */
public interface SearchItem {
}
