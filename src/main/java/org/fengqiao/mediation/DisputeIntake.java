package org.fengqiao.mediation;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.fengqiao.dispatch.WhistleTransferred;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Opens a dispute for every whistle the dispatch module transfers to mediation. The event reaches this listener
 * through the event publication registry (so it survives a crash and is retried), and the dispute's unique source
 * reference makes a second delivery harmless: exactly one dispute per whistle.
 *
 * <p>A new dispute starts at the lowest rung its village has: the village mediation centre (villagers' group teams
 * exist only where micro-grids are drawn; choosing between them comes with the ladder).
 */
@Component
class DisputeIntake {

	private static final Logger log = LoggerFactory.getLogger(DisputeIntake.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	DisputeIntake(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(WhistleTransferred transferred) {
		if (!"MEDIATION".equals(transferred.target())) {
			return;
		}
		int created = jdbc.sql("""
				insert into dispute (id, source, source_ref, category_code, description, lon, lat, village_code, grid_code, rung,
				                     state, registered_at)
				values (?, 'WHISTLE', ?, ?, ?, ?, ?, ?, ?, 'VILLAGE_CENTRE', 'REGISTERED', ?)
				on conflict (source, source_ref) do nothing""")
			.params(UUID.randomUUID(), transferred.whistleId().toString(), transferred.categoryCode(),
					transferred.description(), transferred.lon(), transferred.lat(), transferred.villageCode(),
					transferred.gridCode(), Timestamp.from(clock.instant()))
			.update();
		if (created == 0) {
			log.info("Whistle {} was already registered as a dispute", transferred.whistleId());
		}
	}
}
