package io.jenkins.plugins.signedwebhook.receiver;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

/** The receiver's packages depend one way: the root wires config, http, run and store, which never reach back. */
@AnalyzeClasses(packages = "io.jenkins.plugins.signedwebhook.receiver", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String ROOT = "io.jenkins.plugins.signedwebhook.receiver";

    @ArchTest
    static final ArchRule packagesDoNotFormCycles = SlicesRuleDefinition.slices()
            .assignedFrom(new PackagesWithTheRoot())
            .should().beFreeOfCycles();

    /** One slice per top-level package, and one for the root package itself, which a pattern slice would leave out. */
    private static final class PackagesWithTheRoot implements SliceAssignment {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (name.equals(ROOT)) {
                return SliceIdentifier.of("receiver");
            }
            return name.startsWith(ROOT + ".")
                    ? SliceIdentifier.of(name.substring(ROOT.length() + 1).split("\\.")[0])
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the receiver's root package and each package below it";
        }
    }
}
