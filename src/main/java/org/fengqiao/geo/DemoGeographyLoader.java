package org.fengqiao.geo;

import java.time.Clock;
import java.util.Comparator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads the Jingbian demo geography once, when the demo data set is enabled and the
 * county is not there yet.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "fengqiao.demo.enabled", havingValue = "true")
class DemoGeographyLoader implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoGeographyLoader.class);

	private final Divisions divisions;

	private final Grids grids;

	private final PoliceGrids policeGrids;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	DemoGeographyLoader(Divisions divisions, Grids grids, PoliceGrids policeGrids, ApplicationEventPublisher events,
			Clock clock) {
		this.divisions = divisions;
		this.grids = grids;
		this.policeGrids = policeGrids;
		this.events = events;
		this.clock = clock;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (divisions.exists(DemoGeography.COUNTY_CODE)) {
			return;
		}
		long start = System.nanoTime();
		Geography geography = DemoGeography.jingbian();
		// Parents before children: divisions are generated top-down, grids are sorted by
		// level.
		geography.divisions().forEach(divisions::insert);
		geography.stations().forEach(policeGrids::insert);
		geography.policeGrids().forEach(policeGrids::insert);
		geography.policeRooms().forEach(policeGrids::insert);
		var now = clock.instant();
		geography.grids().stream().sorted(Comparator.comparingInt(Grid::level)).forEach(g -> grids.save(g, now));
		events.publishEvent(new GeographyChanged("demo geography loaded", geography.grids().size()));
		log.info(
				"Loaded the Jingbian demo geography in {} ms: {} divisions, {} grids, {} police grids, {} police rooms",
				(System.nanoTime() - start) / 1_000_000, geography.divisions().size(), geography.grids().size(),
				geography.policeGrids().size(), geography.policeRooms().size());
	}

}
