package org.fengqiao.mediation;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.fengqiao.platform.DomainException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static org.fengqiao.mediation.DisputeInput.invalid;

/**
 * Mediation sessions: scheduled in a mediation room, then held and recorded with who
 * attended and the minutes. An agreement needs a session held on the current rung.
 */
@Service
class MediationSessions {

	private final DisputeChanges changes;

	private final Disputes disputes;

	MediationSessions(DisputeChanges changes, Disputes disputes) {
		this.changes = changes;
		this.disputes = disputes;
	}

	@Transactional
	long scheduleSession(UUID id, String roomCode, Instant startsAt, DisputeChanges.Actor by) {
		return changes.change(id, by, DisputeAction.SESSION, (c) -> {
			Optional<Disputes.Room> room = roomCode == null ? Optional.empty() : disputes.room(roomCode);
			if (room.isEmpty()) {
				throw DomainException.rejected("unknown-room", "No mediation room has the code " + roomCode);
			}
			if (startsAt == null) {
				throw invalid("missing-time", "Give the session's start time");
			}
			long session = disputes.scheduleSession(id, roomCode, startsAt);
			c.dispute().note("session-scheduled", DisputeAction.SESSION, c.actor(), c.now(), room.get().name());
			return session;
		});
	}

	@Transactional
	void recordSession(UUID id, long sessionId, String attendees, String minutes, DisputeChanges.Actor by) {
		changes.change(id, by, DisputeAction.SESSION, (c) -> {
			if (attendees == null || attendees.isBlank() || minutes == null || minutes.isBlank()) {
				throw invalid("missing-minutes", "Record who attended and the minutes of the session");
			}
			if (minutes.length() > 20_000 || attendees.length() > 2_000) {
				throw invalid("too-long", "Minutes at most 20000 characters, attendees at most 2000");
			}
			if (disputes.recordSession(id, sessionId, attendees.strip(), minutes.strip(), c.now(), c.actor()) == 0) {
				throw DomainException.notFound("no-such-session", "The dispute has no unrecorded session " + sessionId);
			}
			c.dispute().note("session-held", DisputeAction.SESSION, c.actor(), c.now(), attendees.strip());
		});
	}

}
