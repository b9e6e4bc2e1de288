package org.fengqiao.platform;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/** Every interactive sign-in and every failed authentication goes into the audit log. */
@Component
class SignInAudit {

	private final AuditLog audit;

	private final AccountSecurity accounts;

	SignInAudit(AuditLog audit, AccountSecurity accounts) {
		this.audit = audit;
		this.accounts = accounts;
	}

	/** Any successful authentication (form or HTTP Basic) clears the failure count. */
	@EventListener
	void on(org.springframework.security.authentication.event.AuthenticationSuccessEvent event) {
		accounts.succeeded(event.getAuthentication().getName());
	}

	@EventListener
	void on(InteractiveAuthenticationSuccessEvent event) {
		audit.independently(event.getAuthentication().getName(), "SIGN_IN", "account",
				event.getAuthentication().getName(), "OK", null);
	}

	@EventListener
	void on(AbstractAuthenticationFailureEvent event) {
		accounts.failed(String.valueOf(event.getAuthentication().getName()));
		audit.independently(String.valueOf(event.getAuthentication().getName()), "SIGN_IN", "account",
				String.valueOf(event.getAuthentication().getName()), "DENIED",
				event.getException().getClass().getSimpleName());
	}

}
