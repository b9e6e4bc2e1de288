package org.fengqiao.mediation;

import java.util.function.Predicate;

import org.fengqiao.organisation.MediationBodies;
import org.fengqiao.platform.DomainException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static org.fengqiao.mediation.DisputeInput.invalid;

/** The named mediation rooms (e.g. 老张说和室) of the mediation bodies. */
@Service
class MediationRooms {

	private final Disputes disputes;

	private final MediationBodies bodies;

	MediationRooms(Disputes disputes, MediationBodies bodies) {
		this.disputes = disputes;
		this.bodies = bodies;
	}

	/** Adds a named mediation room to a mediation body in the caller's area. */
	@Transactional
	Disputes.Room addRoom(String code, String name, String bodyCode, Predicate<String> allowed) {
		if (code == null || !code.strip().matches("[A-Za-z0-9-]{2,40}")) {
			throw invalid("bad-room-code", "A room code has 2 to 40 letters, digits or hyphens");
		}
		if (name == null || name.isBlank() || name.strip().length() > 60) {
			throw invalid("bad-room-name", "A room name has 1 to 60 characters");
		}
		MediationBodies.Body body = bodies.body(bodyCode == null ? "" : bodyCode.strip())
			.orElseThrow(() -> DomainException.rejected("unknown-body", "No mediation body " + bodyCode));
		if (!allowed.test(body.areaCode())) {
			throw DomainException.notAllowed("out-of-scope", "The body is outside your area");
		}
		if (disputes.room(code.strip()).isPresent()) {
			throw DomainException.conflict("duplicate-room", "A room has the code " + code.strip());
		}
		disputes.addRoom(code.strip(), name.strip(), body.code(), body.areaCode());
		return disputes.room(code.strip()).orElseThrow();
	}

}
