package dev.authbridge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.javalin.http.Context;

/**
 * The package rules of the main code, checked on its bytecode: dependencies between the
 * capabilities point one way (no cycle, however long), only the HTTP edge knows {@code web}, and
 * every redirect goes through {@code web.Pages.redirect}.
 */
@AnalyzeClasses(packages = "dev.authbridge", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * The composition root, the command line, {@code web} itself, routes ({@code *Routes}),
     * request parsers ({@code *Request}) and page classes ({@code *Page}, {@code Pages}) — a
     * nested class counts as the class it is in. No other class is let off.
     */
    private static final DescribedPredicate<JavaClass> HTTP_EDGE = new DescribedPredicate<>(
            "the HTTP edge (App, cli, web, *Routes, *Request, *Page, Pages)") {
        @Override
        public boolean test(JavaClass c) {
            JavaClass top = c;
            while (top.getEnclosingClass().isPresent()) {
                top = top.getEnclosingClass().get();
            }
            String name = top.getSimpleName();
            String pkg = top.getPackageName();
            return top.getName().equals(App.class.getName())
                    || pkg.equals("dev.authbridge.web") || pkg.startsWith("dev.authbridge.web.")
                    || pkg.equals("dev.authbridge.cli") || pkg.startsWith("dev.authbridge.cli.")
                    || name.endsWith("Routes") || name.endsWith("Request")
                    || name.endsWith("Page") || name.equals("Pages");
        }
    };

    @ArchTest
    static final ArchRule packagesWhenSlicedByCapabilityThenFreeOfCycles = slices()
            .matching("dev.authbridge.(*)..")
            .should().beFreeOfCycles();

    /** The slices above leave out the root package: App is used by the command line, never the reverse. */
    @ArchTest
    static final ArchRule rootWhenCompositionRootThenIndependentOfTheCommandLine = noClasses()
            .that().resideInAPackage("dev.authbridge")
            .should().dependOnClassesThat().resideInAPackage("dev.authbridge.cli..");

    @ArchTest
    static final ArchRule errorWhenImportedThenDependsOnNothingOfOurs = classes()
            .that().resideInAPackage("dev.authbridge.error..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.authbridge.error..", "java..");

    @ArchTest
    static final ArchRule webWhenUsedThenOnlyByTheHttpEdge = noClasses()
            .that(DescribedPredicate.not(HTTP_EDGE))
            .should().dependOnClassesThat().resideInAPackage("dev.authbridge.web..")
            .because("domain code knows nothing of HTTP: it throws a DomainException, and web.ErrorMapper renders it");

    @ArchTest
    static final ArchRule redirectWhenAnsweredThenOnlyByPages = noClasses()
            .should().callMethodWhere(new DescribedPredicate<>("a Context.redirect method") {
                @Override
                public boolean test(JavaMethodCall call) {
                    return call.getName().equals("redirect")
                            && call.getTarget().getOwner().isAssignableTo(Context.class);
                }
            })
            .because("Javalin's ctx.redirect answers text/plain \"Redirected\"; web.Pages.redirect answers no body");
}
