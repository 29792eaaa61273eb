package io.jenkins.plugins.signedwebhook.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** webhook-core is the engine both adapters share: it must not lean on either adapter's framework. */
@AnalyzeClasses(packages = "io.jenkins.plugins.signedwebhook.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreUsesNoJenkinsServletOrJetty = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage(
                    "hudson..", "jenkins..", "org.kohsuke..", "jakarta.servlet..", "javax.servlet..", "org.eclipse.jetty..")
            .because("webhook-core runs in Jenkins and in the standalone receiver alike (design.md, Modules)");

    @ArchTest
    static final ArchRule packagesDoNotFormCycles = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
            .matching("io.jenkins.plugins.signedwebhook.core.(*)..")
            .should().beFreeOfCycles();
}
