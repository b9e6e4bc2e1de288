package org.fengqiao.platform;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Who may call what. People sign in with the form (a session, protected against CSRF);
 * machines present a personal access token ({@code Authorization: Bearer fq_...}). HTTP
 * Basic is off unless {@code fengqiao.security.http-basic} is set. A request without a
 * CSRF token gets through only when a valid token authenticates it (a browser never adds
 * that header by itself), besides the residents' anonymous POSTs; any other Authorization
 * header changes nothing. Sessions follow their account ({@link AccountSessionFilter}).
 * The OpenAPI document and Swagger UI need a sign-in in every profile.
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.context.properties.EnableConfigurationProperties(AccountSecurity.Settings.class)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, AccountSecurity accountSecurity,
			AccountSecurity.Settings settings, AuditLog audit) throws Exception {
		var api = new OrRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/api/**"),
				PathPatternRequestMatcher.withDefaults().matcher("/v3/api-docs/**"),
				PathPatternRequestMatcher.withDefaults().matcher("/v3/api-docs"));
		http.authorizeHttpRequests(requests -> requests
			.requestMatchers("/error", "/login", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/actuator/health",
					"/actuator/health/**")
			.permitAll()
			.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
			.authenticated()
			// The command centre's desk: the command centre and the chiefs the navigation
			// offers it to.
			.requestMatchers("/command", "/command/**")
			.hasAnyRole(Roles.COMMAND, Roles.STATION, Roles.TOWNSHIP)
			// Residents report and follow their reports without an account.
			.requestMatchers(HttpMethod.GET, "/api/v1/categories", "/api/v1/whistles/track/**", "/api/v1/public/**",
					"/report", "/track", "/track/**", "/mediate", "/mediate/**")
			.permitAll()
			.requestMatchers(HttpMethod.POST, "/api/v1/whistles", "/api/v1/whistles/track/**",
					"/api/v1/public/disputes", "/mediate")
			.permitAll()
			// Mediation: everyone who screens registers and reads in their area;
			// mediators, township staff and the
			// command centre do the mediation work.
			.requestMatchers(HttpMethod.POST, "/api/v1/disputes", "/disputes/new")
			.hasAnyRole(Roles.COMMAND, Roles.STATION, Roles.TOWNSHIP, Roles.GRID_WORKER, Roles.OFFICER, Roles.MEDIATOR)
			.requestMatchers(HttpMethod.POST, "/api/v1/mediation/rooms")
			.hasAnyRole(Roles.COMMAND, Roles.TOWNSHIP)
			.requestMatchers(HttpMethod.POST, "/api/v1/disputes/**", "/disputes/**")
			.hasAnyRole(Roles.COMMAND, Roles.TOWNSHIP, Roles.MEDIATOR)
			.requestMatchers("/api/v1/disputes/**", "/api/v1/disputes", "/api/v1/mediation/**", "/disputes",
					"/disputes/**")
			.hasAnyRole(Roles.COMMAND, Roles.STATION, Roles.TOWNSHIP, Roles.GRID_WORKER, Roles.OFFICER, Roles.MEDIATOR)
			// The three administrators are kept apart: each has only their own area.
			.requestMatchers("/bigscreen", "/bigscreen/**")
			.hasAnyRole(Roles.COMMAND, Roles.STATION, Roles.TOWNSHIP)
			.requestMatchers("/api/v1/indicators", "/api/v1/indicators/**", "/api/v1/briefs/**", "/statistics",
					"/statistics/**", "/evaluation", "/evaluation/**", "/api/v1/evaluation/**")
			.hasAnyRole(Roles.COMMAND, Roles.STATION, Roles.TOWNSHIP, Roles.GRID_WORKER, Roles.OFFICER, Roles.MEDIATOR)
			.requestMatchers("/api/v1/audit/**", "/audit/**")
			.hasRole(Roles.AUDITOR)
			.requestMatchers("/api/v1/accounts/**", "/api/v1/tokens/**")
			.hasRole(Roles.SECURITY)
			.requestMatchers("/api/v1/me/**")
			.authenticated()
			.requestMatchers(HttpMethod.POST, "/api/v1/geo/imports", "/geo/imports", "/api/v1/organisation/imports")
			.hasRole(Roles.ADMIN)
			.requestMatchers("/geo/imports/**")
			.hasRole(Roles.ADMIN)
			.requestMatchers("/api/v1/people/*/reveal")
			.hasAnyRole(Roles.COMMAND, Roles.STATION)
			.requestMatchers("/api/v1/assignments/**")
			.hasAnyRole(Roles.ADMIN, Roles.COMMAND, Roles.STATION, Roles.TOWNSHIP)
			.requestMatchers("/api/v1/organisation/compliance", "/organisation/compliance")
			.hasAnyRole(Roles.ADMIN, Roles.COMMAND, Roles.STATION, Roles.TOWNSHIP)
			.requestMatchers("/api/v1/people/**", "/api/v1/grids/**", "/api/v1/police-grids/**",
					"/api/v1/organisation/**")
			.hasAnyRole(Roles.ADMIN, Roles.COMMAND, Roles.STATION, Roles.TOWNSHIP, Roles.GRID_WORKER, Roles.OFFICER,
					Roles.MEDIATOR)
			.requestMatchers("/api/v1/whistles/**", "/work", "/work/**")
			.hasAnyRole(Roles.COMMAND, Roles.STATION, Roles.TOWNSHIP, Roles.GRID_WORKER, Roles.OFFICER)
			.requestMatchers("/api/v1/geo/**", "/api/v1/locate", "/map")
			.hasAnyRole(Roles.ADMIN, Roles.COMMAND, Roles.STATION, Roles.TOWNSHIP, Roles.GRID_WORKER, Roles.OFFICER,
					Roles.MEDIATOR)
			.anyRequest()
			.authenticated())
			.formLogin(
					form -> form.loginPage("/login").successHandler(AccountSessionFilter.signedIn("/map")).permitAll())
			.addFilterAfter(new AccountSessionFilter(accountSecurity, audit), SecurityContextHolderFilter.class)
			.addFilterBefore(new TokenAuthenticationFilter(accountSecurity), BasicAuthenticationFilter.class)
			.logout(logout -> logout.logoutSuccessUrl("/login?logout"))
			.csrf(csrf -> csrf.ignoringRequestMatchers(request -> csrfNotNeeded(request, accountSecurity, settings),
					PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/whistles"),
					PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/public/disputes"),
					PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/whistles/track/**")))
			.headers(headers -> headers
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
			.exceptionHandling(errors -> errors
				.defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), api));
		if (settings.httpBasic()) {
			http.httpBasic(Customizer.withDefaults());
		}
		return http.build();
	}

	/**
	 * A request needs no CSRF token when no cookie can have been used to forge it: a
	 * valid bearer token authenticates it, or it carries a bearer token and no session
	 * (an invalid token then gets 401 from the token check), or, where HTTP Basic is
	 * enabled, it carries Basic credentials and no session (bad credentials get 401 from
	 * the Basic check). A request with a session and any other Authorization header is
	 * checked like every browser request.
	 */
	static boolean csrfNotNeeded(HttpServletRequest request, AccountSecurity accounts,
			AccountSecurity.Settings settings) {
		boolean noSession = request.getSession(false) == null;
		if (TokenAuthenticationFilter.bearer(request)) {
			return noSession || TokenAuthenticationFilter.holder(request, accounts).isPresent();
		}
		String header = request.getHeader("Authorization");
		return settings.httpBasic() && noSession && header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	UserDetailsService accounts(AccountSecurity accountSecurity) {
		return username -> accountSecurity.user(username).orElseThrow(() -> new UsernameNotFoundException(username));
	}

}
