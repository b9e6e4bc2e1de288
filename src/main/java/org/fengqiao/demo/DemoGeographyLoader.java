package org.fengqiao.demo;

import org.fengqiao.geo.GeographyImport;
import org.fengqiao.geo.GeographyImport.Geography;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Loads the Jingbian demo geography once, when the demo data set is enabled and the
 * county is not there yet. Public so that the module test of geo can load the demo
 * geography alone ({@code GeoModuleTests}).
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "fengqiao.demo.enabled", havingValue = "true")
public class DemoGeographyLoader implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoGeographyLoader.class);

	private final GeographyImport geographyImport;

	public DemoGeographyLoader(GeographyImport geographyImport) {
		this.geographyImport = geographyImport;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (geographyImport.hasDivision(DemoGeography.COUNTY_CODE)) {
			return;
		}
		long start = System.nanoTime();
		Geography geography = DemoGeography.jingbian();
		geographyImport.load(geography, "demo geography loaded");
		log.info(
				"Loaded the Jingbian demo geography in {} ms: {} divisions, {} grids, {} police grids, {} police rooms",
				(System.nanoTime() - start) / 1_000_000, geography.divisions().size(), geography.grids().size(),
				geography.policeGrids().size(), geography.policeRooms().size());
	}

}
