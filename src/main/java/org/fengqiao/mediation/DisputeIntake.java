package org.fengqiao.mediation;

import java.util.List;

import org.fengqiao.dispatch.TransferTarget;
import org.fengqiao.dispatch.WhistleTransferred;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Opens a dispute for every whistle the dispatch module transfers to mediation. The event
 * reaches this listener through the event publication registry (so it survives a crash
 * and is retried), and the dispute's unique source reference makes a second delivery
 * harmless: exactly one dispute per whistle. The dispute starts where the ladder places
 * it (see {@link Ladder}); its parties are added by the mediator who takes it.
 */
@Component
class DisputeIntake {

	private static final Logger log = LoggerFactory.getLogger(DisputeIntake.class);

	private final DisputeRegistration registration;

	DisputeIntake(DisputeRegistration registration) {
		this.registration = registration;
	}

	@ApplicationModuleListener
	void on(WhistleTransferred transferred) {
		if (transferred.target() != TransferTarget.MEDIATION) {
			return;
		}
		DisputeRegistration.Registered registered = registration
			.register(new DisputeRegistration.Registration("WHISTLE", transferred.whistleId().toString(),
					DisputeType.ofWhistleCategory(transferred.categoryCode()).name(), List.of(), transferred.lon(),
					transferred.lat(), null, null, null, transferred.description(), null, null, null), "dispatch");
		if (!registered.created()) {
			log.info("Whistle {} was already registered as a dispute", transferred.whistleId());
		}
	}

}
