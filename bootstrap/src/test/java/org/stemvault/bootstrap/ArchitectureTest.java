package org.stemvault.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rings of the hexagon, checked on the compiled classes: dependencies point inward only. */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.stemvault");
    }

    @Test
    void the_domain_and_the_use_cases_know_no_framework() {
        noClasses()
                .that()
                .resideInAnyPackage("org.stemvault.domain..", "org.stemvault.application..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.micronaut..",
                        "jakarta..",
                        "javax.inject..",
                        "javax.sql..",
                        "java.sql..",
                        "com.fasterxml..",
                        "org.postgresql..",
                        "com.pgvector..")
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void the_worker_shares_no_server_code_and_no_framework() {
        noClasses()
                .that()
                .resideInAPackage("org.stemvault.worker..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.stemvault.domain..",
                        "org.stemvault.application..",
                        "org.stemvault.web..",
                        "org.stemvault.postgres..",
                        "org.stemvault.files..",
                        "org.stemvault.s3..",
                        "org.stemvault.textmodel..",
                        "org.stemvault.google..",
                        "org.stemvault.bootstrap..",
                        "io.micronaut..",
                        "jakarta..")
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void the_file_adapter_knows_no_framework_and_no_database() {
        noClasses()
                .that()
                .resideInAPackage("org.stemvault.files..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.micronaut..",
                        "jakarta..",
                        "javax.inject..",
                        "javax.sql..",
                        "java.sql..",
                        "org.postgresql..",
                        "com.pgvector..")
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void the_domain_knows_nothing_outside_itself() {
        noClasses()
                .that()
                .resideInAPackage("org.stemvault.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.stemvault.application..",
                        "org.stemvault.postgres..",
                        "org.stemvault.web..",
                        "org.stemvault.bootstrap..")
                .check(classes);
    }

    @Test
    void the_use_cases_know_no_adapter() {
        noClasses()
                .that()
                .resideInAPackage("org.stemvault.application..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.stemvault.postgres..",
                        "org.stemvault.web..",
                        "org.stemvault.google..",
                        "com.google..",
                        "org.stemvault.bootstrap..")
                .check(classes);
    }

    @Test
    void the_google_adapter_knows_no_framework_no_database_and_no_other_adapter() {
        noClasses()
                .that()
                .resideInAPackage("org.stemvault.google..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.micronaut..",
                        "jakarta..",
                        "java.sql..",
                        "org.stemvault.postgres..",
                        "org.stemvault.web..",
                        "org.stemvault.bootstrap..")
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void the_adapters_do_not_know_each_other() {
        noClasses()
                .that()
                .resideInAPackage("org.stemvault.web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.stemvault.postgres..",
                        "org.stemvault.files..",
                        "org.stemvault.google..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("org.stemvault.postgres..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.stemvault.web..")
                .check(classes);
    }
}
