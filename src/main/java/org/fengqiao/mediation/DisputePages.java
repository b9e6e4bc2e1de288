package org.fengqiao.mediation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.fengqiao.geo.GridDirectory;
import org.fengqiao.organisation.DataScopes;
import org.fengqiao.platform.DomainException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The mediator's pages (掌上矛调管家), made for a phone: the dispute list with search,
 * screening registration, and one page per dispute with the work its state allows. The
 * resident's application and tracking page is public. Every form posts to the same
 * service the API uses; refusals come back as a message on the page.
 */
@Controller
class DisputePages {

	private final DisputeRegistration registration;

	private final DisputeParties parties;

	private final MediatorAssignment assignment;

	private final MediationSessions sessions;

	private final MediationOutcome outcome;

	private final AfterTheAgreement afterAgreement;

	private final Disputes disputes;

	private final CaseFiles caseFiles;

	private final DataScopes scopes;

	private final GridDirectory directory;

	private final ZoneId zone;

	private final Clock clock;

	private final org.springframework.context.MessageSource messages;

	private final DisputeAccess access;

	DisputePages(DisputeRegistration registration, DisputeParties parties, MediatorAssignment assignment,
			MediationSessions sessions, MediationOutcome outcome, AfterTheAgreement afterAgreement, Disputes disputes,
			CaseFiles caseFiles, DataScopes scopes, GridDirectory directory, Clock clock,
			org.springframework.context.MessageSource messages, DisputeAccess access) {
		this.access = access;
		this.messages = messages;
		this.registration = registration;
		this.parties = parties;
		this.assignment = assignment;
		this.sessions = sessions;
		this.outcome = outcome;
		this.afterAgreement = afterAgreement;
		this.disputes = disputes;
		this.caseFiles = caseFiles;
		this.scopes = scopes;
		this.directory = directory;
		this.zone = clock.getZone();
		this.clock = clock;
	}

	@GetMapping("/disputes")
	String list(@RequestParam(required = false) String state, @RequestParam(required = false) String rung,
			@RequestParam(required = false) String q, @RequestParam(defaultValue = "false") boolean mine,
			@RequestParam(defaultValue = "false") boolean overdue,
			@RequestParam(defaultValue = "false") boolean followUpDue, Model model) {
		model.addAttribute("disputes", disputes.list(scopes.current(), scopes.currentPerson().orElse(null),
				new Disputes.Filter(state, rung, q, mine, overdue, followUpDue, clock.instant()), 100, 0));
		model.addAttribute("mine", mine);
		model.addAttribute("overdue", overdue);
		model.addAttribute("followUpDue", followUpDue);
		model.addAttribute("states", Dispute.State.values());
		model.addAttribute("rungs", Rung.values());
		model.addAttribute("state", state);
		model.addAttribute("rung", rung);
		model.addAttribute("q", q);
		model.addAttribute("zone", zone);
		return "mediation/list";
	}

	@GetMapping("/disputes/new")
	String registerForm(Model model) {
		addFormChoices(model);
		return "mediation/new";
	}

	@PostMapping("/disputes/new")
	String register(@RequestParam MultiValueMap<String, String> form, Authentication who, Model model) {
		List<DisputeParties.PartyInput> parties = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			String name = form.getFirst("party" + i + ".name");
			if (name == null || name.isBlank()) {
				continue;
			}
			parties.add(new DisputeParties.PartyInput(i == 0 ? "APPLICANT" : "RESPONDENT",
					form.getFirst("party" + i + ".kind"), name, form.getFirst("party" + i + ".idNumber"),
					form.getFirst("party" + i + ".phone"), form.getFirst("party" + i + ".village"), null));
		}
		String source = blankToNull(form.getFirst("source")) == null ? "SCREENING" : form.getFirst("source").strip();
		try {
			if (!List.of("SCREENING", "COURT", "POLICE").contains(source)) {
				throw DomainException.invalid("bad-source", "Register screening or a court or police referral");
			}
			DisputeRegistration.Registered r = registration
				.register(new DisputeRegistration.Registration(source, blankToNull(form.getFirst("sourceRef")),
						form.getFirst("type"), parties, number(form.getFirst("lon")), number(form.getFirst("lat")),
						blankToNull(form.getFirst("villageCode")), amount(form.getFirst("amount")),
						integer(form.getFirst("peopleCount")), form.getFirst("description"),
						blankToNull(form.getFirst("riskColour")),
						blankToNull(form.getFirst("criminalRisk")) == null ? null
								: Boolean.valueOf(form.getFirst("criminalRisk")),
						blankToNull(form.getFirst("overrideReason"))), who.getName(), scopes.current()::covers);
			return "redirect:/disputes/" + r.id();
		}
		catch (DomainException e) {
			model.addAttribute("error", message(e));
			model.addAttribute("form", form.toSingleValueMap());
			addFormChoices(model);
			return "mediation/new";
		}
		catch (IllegalArgumentException e) {
			model.addAttribute("error", text("bad-number", "A number is not valid: " + e.getMessage()));
			model.addAttribute("form", form.toSingleValueMap());
			addFormChoices(model);
			return "mediation/new";
		}
	}

	@GetMapping("/disputes/{id}")
	String dispute(@PathVariable UUID id, Model model) {
		access.requireInScope(id);
		CaseFiles.DisputeView view = caseFiles.view(id);
		model.addAttribute("d", view);
		model.addAttribute("candidates", caseFiles.candidates(id));
		model.addAttribute("rooms", disputes.roomsFor(view.areaCode()));
		long me = scopes.currentPerson().orElse(-1L);
		model.addAttribute("assignedToMe", disputes.isAssigned(id, me));
		model.addAttribute("referrals", Dispute.Referral.values());
		model.addAttribute("colours", RiskColour.values());
		model.addAttribute("zone", zone);
		model.addAttribute("now", LocalDateTime.now(zone).withSecond(0).withNano(0));
		return "mediation/dispute";
	}

	/**
	 * Every action on a dispute page: one form each, back to the page with the outcome.
	 */
	@PostMapping("/disputes/{id}/{action}")
	String act(@PathVariable UUID id, @PathVariable String action, @RequestParam MultiValueMap<String, String> form,
			Authentication who, RedirectAttributes redirect) {
		access.requireInScope(id);
		DisputeChanges.Actor actor = access.actor(who);
		try {
			switch (action) {
				case "take" -> assignment.assign(id,
						Optional.ofNullable(actor.personId())
							.orElseThrow(() -> DomainException.invalid("no-person", "Your account has no person")),
						actor);
				case "assign" -> assignment.assign(id, Long.parseLong(required(form, "personId")), actor);
				case "recuse" ->
					assignment.recuse(id, Long.parseLong(required(form, "personId")), form.getFirst("reason"), actor);
				case "schedule" -> sessions.scheduleSession(id, form.getFirst("roomCode"),
						LocalDateTime.parse(required(form, "startsAt")).atZone(zone).toInstant(), actor);
				case "record" -> sessions.recordSession(id, Long.parseLong(required(form, "sessionId")),
						form.getFirst("attendees"), form.getFirst("minutes"), actor);
				case "agree" -> outcome.agree(id,
						new MediationOutcome.MediationAgreementInput(form.getFirst("kind"), form.getFirst("facts"),
								form.getFirst("obligations"), form.getFirst("performance"),
								date(form.getFirst("performanceDue")), amount(form.getFirst("amount"))),
						actor);
				case "fail" ->
					outcome.fail(id, "true".equals(form.getFirst("escalate")), form.getFirst("reason"), actor);
				case "withdraw" -> outcome.withdraw(id, form.getFirst("reason"), actor);
				case "refer" -> outcome.refer(id, form.getFirst("target"), form.getFirst("reason"), actor);
				case "risk" -> outcome.changeRisk(id, form.getFirst("colour"),
						"true".equals(form.getFirst("criminalRisk")), form.getFirst("reason"), actor);
				case "party" -> parties.addParty(id,
						new DisputeParties.PartyInput(form.getFirst("side"), form.getFirst("kind"),
								form.getFirst("name"), form.getFirst("idNumber"), form.getFirst("phone"),
								blankToNull(form.getFirst("village")), null),
						actor);
				case "confirmation" ->
					afterAgreement.applyForConfirmation(id, date(form.getFirst("on")), form.getFirst("court"), actor);
				case "confirmation-result" ->
					afterAgreement.decideConfirmation(id, form.getFirst("result"), date(form.getFirst("on")), actor);
				case "follow-up" -> afterAgreement.followUp(id, "true".equals(form.getFirst("performed")),
						form.getFirst("notes"), actor);
				case "archive" -> afterAgreement.archive(id, actor);
				default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
			}
			redirect.addFlashAttribute("done", action);
		}
		catch (DomainException e) {
			redirect.addFlashAttribute("error", message(e));
		}
		catch (IllegalArgumentException | java.time.DateTimeException e) {
			redirect.addFlashAttribute("error", text("bad-input", "Bad input: " + e.getMessage()));
		}
		return "redirect:/disputes/" + id;
	}

	// --- the resident's side
	// ------------------------------------------------------------------------------------

	@GetMapping("/mediate")
	String applyForm(Model model) {
		addFormChoices(model);
		return "mediation/apply";
	}

	@PostMapping("/mediate")
	String apply(@RequestParam MultiValueMap<String, String> form, Model model) {
		try {
			DisputeRegistration.Registered r = registration.apply(new DisputeRegistration.Application(
					form.getFirst("type"), form.getFirst("applicantName"), form.getFirst("applicantPhone"), null,
					form.getFirst("respondentName"), form.getFirst("villageCode"), null, null,
					form.getFirst("description"), amount(form.getFirst("amount")), null));
			return "redirect:/mediate/track?code=" + r.trackingCode();
		}
		catch (DomainException e) {
			model.addAttribute("error", message(e));
			model.addAttribute("form", form.toSingleValueMap());
			addFormChoices(model);
			return "mediation/apply";
		}
		catch (IllegalArgumentException e) {
			model.addAttribute("error", text("bad-input", e.getMessage()));
			model.addAttribute("form", form.toSingleValueMap());
			addFormChoices(model);
			return "mediation/apply";
		}
	}

	@GetMapping("/mediate/track")
	String track(@RequestParam(required = false) String code, Model model) {
		if (code != null && !code.isBlank()) {
			model.addAttribute("code", code.strip().toUpperCase());
			caseFiles.tracking(code.strip().toUpperCase())
				.ifPresentOrElse(t -> model.addAttribute("t", t), () -> model.addAttribute("notFound", true));
		}
		model.addAttribute("zone", zone);
		return "mediation/track";
	}

	// --- helpers
	// ------------------------------------------------------------------------------------------------

	/**
	 * The refusal in the reader's language (the problem type's message), the English
	 * detail as a fallback.
	 */
	private String message(DomainException e) {
		return text(e.type(), e.getMessage());
	}

	private String text(String problemType, String fallback) {
		return messages.getMessage("problem." + problemType, null, fallback,
				org.springframework.context.i18n.LocaleContextHolder.getLocale());
	}

	/** A village to choose in a form: its code, and its township's and its own name. */
	record Village(String code, String name) {
	}

	private void addFormChoices(Model model) {
		model.addAttribute("types", DisputeType.values());
		model.addAttribute("colours", RiskColour.values());
		Map<String, String> townships = new java.util.HashMap<>();
		List<GridDirectory.DivisionInfo> divisions = directory.divisions();
		divisions.stream().filter(d -> d.level().equals("TOWNSHIP")).forEach(d -> townships.put(d.code(), d.name()));
		model.addAttribute("villages",
				divisions.stream()
					.filter(d -> d.level().equals("VILLAGE"))
					.map(d -> new Village(d.code(), townships.getOrDefault(d.parentCode(), "") + " " + d.name()))
					.toList());
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", Map.of());
		}
	}

	private static String required(MultiValueMap<String, String> form, String name) {
		String v = form.getFirst(name);
		if (v == null || v.isBlank()) {
			throw new IllegalArgumentException(name + " is required");
		}
		return v.strip();
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

	private static Double number(String s) {
		return blankToNull(s) == null ? null : Double.valueOf(s.strip());
	}

	private static Integer integer(String s) {
		return blankToNull(s) == null ? null : Integer.valueOf(s.strip());
	}

	private static BigDecimal amount(String s) {
		return blankToNull(s) == null ? null : new BigDecimal(s.strip());
	}

	private static LocalDate date(String s) {
		return blankToNull(s) == null ? null : LocalDate.parse(s.strip());
	}

}
