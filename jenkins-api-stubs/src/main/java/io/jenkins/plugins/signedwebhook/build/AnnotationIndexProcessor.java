package io.jenkins.plugins.signedwebhook.build;

import static javax.tools.StandardLocation.CLASS_OUTPUT;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;

/**
 * Writes the index that annotation-indexer 1.17's {@code AnnotationProcessorImpl} writes, because that
 * artifact is not on Maven Central: for every annotation meta-annotated
 * {@code @org.jvnet.hudson.annotation_indexer.Indexed} (here {@code @org.jenkinsci.Symbol}), the class-output
 * resource {@code META-INF/services/annotations/<annotation binary name>} lists, one per line, sorted, in
 * UTF-8, the binary name of each annotated type (the enclosing type for an annotated member, {@code pkg.*}
 * for a package), merged with the entries an earlier incremental compilation left there.
 *
 * <p>Unlike the original, which writes in every round, it writes once when processing is over, so a round
 * that generates more annotated sources cannot make it reopen the same resource. Like the original and
 * SezPoz's indexer, it claims no annotation, so both run in the same compilation.
 */
@SupportedAnnotationTypes("*")
public final class AnnotationIndexProcessor extends AbstractProcessor {
    static final String INDEXED = "org.jvnet.hudson.annotation_indexer.Indexed";
    static final String INDEX_FOLDER = "META-INF/services/annotations/";

    private final Map<String, Use> uses = new TreeMap<>();
    private boolean errorRaised;

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latest();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
        errorRaised |= roundEnv.errorRaised();
        if (roundEnv.processingOver()) {
            if (!errorRaised) {
                uses.values().forEach(Use::write);
            }
            return false;
        }
        for (TypeElement annotation : annotations) {
            if (!isIndexed(annotation)) {
                continue;
            }
            String name = processingEnv.getElementUtils().getBinaryName(annotation).toString();
            Use use = uses.computeIfAbsent(name, Use::new);
            roundEnv.getElementsAnnotatedWith(annotation).forEach(use::add);
        }
        return false;
    }

    private boolean isIndexed(TypeElement annotation) {
        for (AnnotationMirror meta : processingEnv.getElementUtils().getAllAnnotationMirrors(annotation)) {
            TypeElement type = (TypeElement) meta.getAnnotationType().asElement();
            if (processingEnv.getElementUtils().getBinaryName(type).contentEquals(INDEXED)) {
                return true;
            }
        }
        return false;
    }

    /** The uses of one indexed annotation in this compilation. */
    private final class Use {
        private final String resource;
        private final Set<String> classes = new TreeSet<>();
        private final Set<Element> originatingElements = new LinkedHashSet<>();

        Use(String annotationName) {
            this.resource = INDEX_FOLDER + annotationName;
            classes.addAll(loadExisting());
        }

        void add(Element element) {
            switch (element.getKind()) {
                case CLASS, INTERFACE, ANNOTATION_TYPE, ENUM, RECORD -> addType((TypeElement) element);
                case METHOD, FIELD, CONSTRUCTOR -> addType((TypeElement) element.getEnclosingElement());
                case PACKAGE -> classes.add(((PackageElement) element).getQualifiedName() + ".*");
                default -> {
                    return;
                }
            }
            originatingElements.add(element);
        }

        private void addType(TypeElement type) {
            classes.add(processingEnv.getElementUtils().getBinaryName(type).toString());
        }

        private List<String> loadExisting() {
            List<String> lines = new ArrayList<>();
            try {
                FileObject in = processingEnv.getFiler().getResource(CLASS_OUTPUT, "", resource);
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(in.openInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        lines.add(line);
                    }
                }
            } catch (FileNotFoundException | NoSuchFileException firstCompilation) {
                return lines;
            } catch (IOException e) {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "Cannot read " + resource + ": " + e);
            }
            return lines;
        }

        void write() {
            try {
                FileObject out = processingEnv.getFiler().createResource(
                        CLASS_OUTPUT, "", resource, originatingElements.toArray(new Element[0]));
                try (PrintWriter writer = new PrintWriter(
                        new OutputStreamWriter(out.openOutputStream(), StandardCharsets.UTF_8))) {
                    classes.forEach(writer::println);
                }
            } catch (IOException e) {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "Cannot write " + resource + ": " + e);
            }
        }
    }
}
