package org.fengqiao.dispatch;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.fengqiao.platform.DomainException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The whistle pages: residents report (no account) and follow their report by tracking
 * code; grid workers and officers work their list. The pages read through
 * {@link WhistleApi} so they show exactly what the API answers, and their scripts post to
 * the API.
 */
@Controller
class WhistlePages {

	/** Category groups by code prefix, in the order residents see them. */
	static final List<String> GROUPS = List.of("UM", "SF", "DS", "HR", "PO");

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(WorkCalendar.CHINA_ZONE);

	private final WhistleApi api;

	private final Catalogue catalogue;

	private final java.time.Clock clock;

	WhistlePages(WhistleApi api, Catalogue catalogue, java.time.Clock clock) {
		this.api = api;
		this.catalogue = catalogue;
		this.clock = clock;
	}

	record Option(String code, String name) {
	}

	@GetMapping("/report")
	String report(Model model, Locale locale) {
		boolean chinese = !"en".equals(locale.getLanguage());
		Map<String, List<Option>> groups = new LinkedHashMap<>();
		GROUPS.forEach(g -> groups.put(g, new java.util.ArrayList<>()));
		for (Category c : catalogue.categories()) {
			String group = c.code().substring(0, c.code().indexOf('-'));
			groups.computeIfAbsent(group, g -> new java.util.ArrayList<>())
				.add(new Option(c.code(), chinese ? c.nameZh() : c.nameEn()));
		}
		model.addAttribute("groups", groups);
		return "dispatch/report";
	}

	@GetMapping("/track")
	String trackForm(@RequestParam(required = false) String code) {
		if (code != null && !code.isBlank()) {
			return "redirect:/track/" + code.trim().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
		}
		return "dispatch/track";
	}

	/** A step of the history as the tracking page shows it. */
	record Step(String atText, WhistleAction action, Whistle.State state, String by) {
	}

	@GetMapping("/track/{code}")
	String track(@PathVariable String code, Model model, Locale locale, HttpServletResponse response) {
		model.addAttribute("code", code);
		WhistleApi.Tracked tracked;
		try {
			tracked = api.track(code);
		}
		catch (DomainException e) {
			if (e.kind() != DomainException.Kind.NOT_FOUND) {
				throw e;
			}
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			model.addAttribute("notFound", true);
			return "dispatch/track";
		}
		WhistleApi.Summary whistle = tracked.whistle();
		model.addAttribute("whistle", whistle);
		model.addAttribute("followedBy", tracked.followedBy());
		model.addAttribute("state", whistle.state().name());
		model.addAttribute("categoryName", categoryName(whistle.category(), locale));
		model.addAttribute("reportedAt", time(whistle.reportedAt()));
		model.addAttribute("history",
				tracked.history().stream().map(t -> new Step(time(t.at()), t.action(), t.state(), t.by())).toList());
		return "dispatch/track";
	}

	@GetMapping("/work")
	String work(Model model, Authentication who, Locale locale) {
		items(model, who, locale);
		return "dispatch/work";
	}

	/** The list alone, swapped in after an action and every minute. */
	@GetMapping("/work/items")
	String workItems(Model model, Authentication who, Locale locale) {
		items(model, who, locale);
		return "dispatch/work :: items";
	}

	/** A whistle as a card of the work list shows it. */
	record Card(UUID id, String trackingCode, String stateName, int grade, WhistleApi.GradeColour gradeColour,
			String categoryName, String reportedAtText, String description, Instant due, Lamp clock) {
	}

	private void items(Model model, Authentication who, Locale locale) {
		// Grid workers and officers see what they are summoned to; chiefs and the command
		// centre their whole area.
		boolean mine = who.getAuthorities()
			.stream()
			.anyMatch(a -> a.getAuthority().equals("ROLE_GRID_WORKER") || a.getAuthority().equals("ROLE_OFFICER"));
		List<Card> items = api.list(null, null, null, null, null, mine, false, 0, 100)
			.items()
			.stream()
			.map(WhistleApi.WorkItem::whistle)
			.map(w -> new Card(w.id(), w.trackingCode(), w.state().name(), w.grade(), w.gradeColour(),
					categoryName(w.category(), locale), time(w.reportedAt()), w.description(), switch (w.state()) {
						case DISPATCHED -> w.respondDue();
						case ACCEPTED, ON_SCENE -> w.handleDue();
						default -> null;
					}, w.clock()))
			.toList();
		model.addAttribute("items", items);
		model.addAttribute("mine", mine);
		// Countdowns run against the server's time, not the phone's (a phone's clock may
		// be minutes or days off).
		model.addAttribute("serverNow", clock.instant().toString());
	}

	private String categoryName(String code, Locale locale) {
		return catalogue.category(code)
			.map(c -> "en".equals(locale.getLanguage()) ? c.nameEn() : c.nameZh())
			.orElse(code);
	}

	private static String time(Instant instant) {
		return instant == null ? "" : TIME.format(instant);
	}

}
