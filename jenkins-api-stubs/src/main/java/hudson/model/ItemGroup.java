package hudson.model;

import java.util.List;

/** Stub of jenkins-2.479.3 {@code hudson.model.ItemGroup}. */
public interface ItemGroup<T extends Item> extends PersistenceRoot, ModelObject {
    default <T extends Item> List<T> getAllItems(Class<T> type) {
        throw new UnsupportedOperationException("stub");
    }
}
