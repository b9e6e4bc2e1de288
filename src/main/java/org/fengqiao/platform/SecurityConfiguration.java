package org.fengqiao.platform;

import java.util.Arrays;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Form login for people, HTTP Basic for API clients. Requests that carry their own credentials in the
 * Authorization header are not exposed to CSRF (no cookie is involved), so only they skip the CSRF token.
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.context.properties.EnableConfigurationProperties(AccountSecurity.Settings.class)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, AccountSecurity accountSecurity) throws Exception {
		var api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
		http.authorizeHttpRequests(requests -> requests
				.requestMatchers("/error", "/login", "/webjars/**", "/css/**", "/js/**", "/favicon.ico",
						"/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**",
						"/swagger-ui.html")
				.permitAll()
				// Residents report and follow their reports without an account.
				.requestMatchers(HttpMethod.GET, "/api/v1/categories", "/api/v1/whistles/track/**", "/api/v1/public/**",
						"/report", "/track", "/track/**", "/mediate", "/mediate/**")
				.permitAll()
				.requestMatchers(HttpMethod.POST, "/api/v1/whistles", "/api/v1/whistles/track/**", "/api/v1/public/disputes",
						"/mediate")
				.permitAll()
				// Mediation: everyone who screens registers and reads in their area; mediators, township staff and the
				// command centre do the mediation work.
				.requestMatchers(HttpMethod.POST, "/api/v1/disputes", "/disputes/new")
				.hasAnyRole(Roles.COMMAND, Roles.STATION, Roles.TOWNSHIP, Roles.GRID_WORKER, Roles.OFFICER, Roles.MEDIATOR)
				.requestMatchers(HttpMethod.POST, "/api/v1/mediation/rooms").hasAnyRole(Roles.COMMAND, Roles.TOWNSHIP)
				.requestMatchers(HttpMethod.POST, "/api/v1/disputes/**", "/disputes/**")
				.hasAnyRole(Roles.COMMAND, Roles.TOWNSHIP, Roles.MEDIATOR)
				.requestMatchers("/api/v1/disputes/**", "/api/v1/disputes", "/api/v1/mediation/**", "/disputes", "/disputes/**")
				.hasAnyRole(Roles.COMMAND, Roles.STATION, Roles.TOWNSHIP, Roles.GRID_WORKER, Roles.OFFICER, Roles.MEDIATOR)
				// The three administrators are kept apart: each has only their own area.
				.requestMatchers("/api/v1/audit/**", "/audit/**").hasRole(Roles.AUDITOR)
				.requestMatchers("/api/v1/accounts/**", "/api/v1/tokens/**").hasRole(Roles.SECURITY)
				.requestMatchers("/api/v1/me/**").authenticated()
				.requestMatchers(HttpMethod.POST, "/api/v1/geo/imports", "/geo/imports", "/api/v1/organisation/imports")
				.hasRole(Roles.ADMIN)
				.requestMatchers("/geo/imports/**").hasRole(Roles.ADMIN)
				.requestMatchers("/api/v1/people/*/reveal").hasAnyRole(Roles.COMMAND, Roles.STATION)
				.requestMatchers("/api/v1/assignments/**").hasAnyRole(Roles.ADMIN, Roles.COMMAND, Roles.STATION, Roles.TOWNSHIP)
				.requestMatchers("/api/v1/organisation/compliance", "/organisation/compliance")
				.hasAnyRole(Roles.ADMIN, Roles.COMMAND, Roles.STATION, Roles.TOWNSHIP)
				.requestMatchers("/api/v1/people/**", "/api/v1/grids/**", "/api/v1/police-grids/**", "/api/v1/organisation/**")
				.hasAnyRole(Roles.ADMIN, Roles.COMMAND, Roles.STATION, Roles.TOWNSHIP, Roles.GRID_WORKER, Roles.OFFICER,
						Roles.MEDIATOR)
				.requestMatchers("/api/v1/whistles/**", "/work", "/work/**")
				.hasAnyRole(Roles.COMMAND, Roles.STATION, Roles.TOWNSHIP, Roles.GRID_WORKER, Roles.OFFICER)
				.requestMatchers("/api/v1/geo/**", "/api/v1/locate", "/map")
				.hasAnyRole(Roles.ADMIN, Roles.COMMAND, Roles.STATION, Roles.TOWNSHIP, Roles.GRID_WORKER, Roles.OFFICER,
						Roles.MEDIATOR)
				.anyRequest().authenticated())
			.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/map", false).permitAll())
			.httpBasic(Customizer.withDefaults())
			.addFilterBefore(new TokenAuthenticationFilter(accountSecurity),
					org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class)
			.logout(logout -> logout.logoutSuccessUrl("/login?logout"))
			.csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null,
					PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/whistles"),
					PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/public/disputes"),
					PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/whistles/track/**")))
			.exceptionHandling(errors -> errors
				.defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), api));
		return http.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	UserDetailsService accounts(JdbcClient jdbc, AccountSecurity accountSecurity) {
		return username -> jdbc
			.sql("select username, password_hash, roles, enabled, locked_until from account where username = ?")
			.param(username)
			.query((rs, n) -> User.withUsername(rs.getString("username"))
				.password(rs.getString("password_hash"))
				.roles(Arrays.stream(rs.getString("roles").split(",")).map(String::trim).toArray(String[]::new))
				.disabled(!rs.getBoolean("enabled"))
				.accountLocked(accountSecurity.isLocked(rs.getTimestamp("locked_until")))
				.build())
			.optional()
			.orElseThrow(() -> new UsernameNotFoundException(username));
	}
}
