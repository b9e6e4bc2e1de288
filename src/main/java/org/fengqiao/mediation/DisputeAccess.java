package org.fengqiao.mediation;

import java.util.UUID;

import org.fengqiao.organisation.DataScopes;
import org.fengqiao.platform.DomainException;
import org.fengqiao.platform.Roles;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The signed-in person as the dispute API and pages see them: whether a dispute is in
 * their data scope (404 otherwise, so its existence is not revealed), and who they are
 * for the mediation service's own checks.
 */
@Component
class DisputeAccess {

	private final Disputes disputes;

	private final DataScopes scopes;

	DisputeAccess(Disputes disputes, DataScopes scopes) {
		this.disputes = disputes;
		this.scopes = scopes;
	}

	void requireInScope(UUID id) {
		if (!disputes.inScope(id, scopes.current(), scopes.currentPerson().orElse(null))) {
			throw DomainException.notFound("no-such-dispute", "No dispute " + id + " in your area");
		}
	}

	/** The person acting; the command centre and township staff lead their area. */
	DisputeChanges.Actor actor(Authentication who) {
		boolean chief = who.getAuthorities()
			.stream()
			.anyMatch(a -> a.getAuthority().equals("ROLE_" + Roles.COMMAND)
					|| a.getAuthority().equals("ROLE_" + Roles.TOWNSHIP));
		return new DisputeChanges.Actor(who.getName(), scopes.currentPerson().orElse(null), chief);
	}

}
