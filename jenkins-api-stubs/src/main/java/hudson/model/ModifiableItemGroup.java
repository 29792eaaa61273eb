package hudson.model;

/** Stub of jenkins-2.479.3 {@code hudson.model.ModifiableItemGroup}, without members. */
public interface ModifiableItemGroup<T extends Item> extends ItemGroup<T> {
}
