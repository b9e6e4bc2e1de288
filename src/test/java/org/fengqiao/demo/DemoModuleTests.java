package org.fengqiao.demo;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The demo writes through the modules' public operations and bulk writers, never with SQL
 * of its own, and no production module depends on it.
 */
@Execution(ExecutionMode.CONCURRENT)
class DemoModuleTests {

	static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.fengqiao");

	@Test
	void demoLoadersHoldNoSql() {
		noClasses().that()
			.resideInAPackage("org.fengqiao.demo..")
			.or()
			.haveNameMatching(".*\\.Demo[^.]*")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
			.because("the demo writes through each module's public operations or its own bulk writer")
			.check(classes);
	}

	@Test
	void noModuleDependsOnTheDemo() {
		noClasses().that()
			.resideOutsideOfPackage("org.fengqiao.demo..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.fengqiao.demo..")
			.check(classes);
	}

}
