package org.jvnet.hudson.annotation_indexer;

import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;

/** Stub of annotation-indexer 1.17 {@code Validator}, the type of {@link Indexed#validators()}. */
public interface Validator {
    void check(Element use, RoundEnvironment e, ProcessingEnvironment env);
}
