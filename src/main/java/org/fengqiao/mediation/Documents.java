package org.fengqiao.mediation;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.springframework.stereotype.Component;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.FontSelector;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfDestination;
import com.lowagie.text.pdf.PdfOutline;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import com.lowagie.text.pdf.draw.DottedLineSeparator;

/**
 * Renders a dispute's documents as PDF with OpenPDF. Text is set in the bundled Droid
 * Sans Fallback (CJK only: it has no digits, Latin letters or signs such as "—", "*" and
 * "_"), falling back per character to the Liberation Sans that ships inside OpenPDF; both
 * are embedded as subsets, so the documents read the same on any viewer.
 * <ul>
 * <li>{@link #agreement} — the written people's mediation agreement (人民调解协议书). Its
 * contents follow the People's Mediation Law (人民调解法, 2010) art. 29: the parties' basic
 * particulars; the main facts of the dispute and the matters in dispute; what the parties
 * agreed, and how and by when it is to be performed. It carries the statutory clauses on
 * copies (one each for the parties and the committee), on taking effect once signed (or
 * fingerprinted) by the parties, signed by the mediator and sealed by the committee (art.
 * 29), and on applying jointly to a people's court for judicial confirmation within
 * thirty days (art. 33), followed by the signature and seal placeholders.</li>
 * <li>{@link #archive} — the one-file case archive (一案一卷): cover, contents, registration,
 * parties, handling history, mediation sessions, agreement and judicial confirmation,
 * follow-up visits, and the written agreement itself as the last section.</li>
 * <li>{@link #zip} — both PDFs and a plain-text summary in one zip.</li>
 * </ul>
 * Everything in a {@link CaseFile} is display text already; a missing value prints as
 * "—".
 */
@Component
class Documents {

	/**
	 * Everything the documents show about one dispute; strings are display text
	 * (Chinese).
	 */
	record CaseFile(String trackingCode, String typeName, String source, String description, String bodyName,
			String rungName, String riskColourName, boolean criminalRisk, LocalDateTime registeredAt,
			List<Party> parties, List<Session> sessions,
			MediationAgreement agreement /* may be null */, List<FollowUp> followUps, List<Move> history,
			String outcomeName /* may be null */,
			LocalDateTime archivedAt /* may be null */) {
	}

	/**
	 * A party: side is APPLICANT or RESPONDENT, kind is PERSON or ORGANISATION;
	 * identifiers come masked.
	 */
	record Party(String side, String kind, String name, String idNumberMasked, String phoneMasked, String address) {
	}

	/** One mediation session. */
	record Session(LocalDateTime startsAt, String roomName, String attendees, String minutes) {
	}

	/** The agreement reached: kind is WRITTEN or ORAL. */
	record MediationAgreement(String kind, String facts, String obligations, String performance,
			LocalDate performanceDue, BigDecimal amount, LocalDate agreedOn, LocalDate confirmationDue,
			String confirmationCourt, String confirmationResult) {

		boolean isWritten() {
			return "WRITTEN".equals(kind);
		}
	}

	/** A follow-up visit (回访), due and, once made, when and with what finding. */
	record FollowUp(LocalDate dueOn, LocalDateTime visitedAt, Boolean performed, String notes) {
	}

	/** One step in the dispute's history, with the rung change if any. */
	record Move(LocalDateTime at, String action, String actor, String fromRung, String toRung, String reason) {
	}

	private static final String CJK_FONT = "fonts/DroidSansFallbackFull.ttf";

	/**
	 * OpenPDF's own fallback font (SIL Open Font License), for what the CJK font lacks.
	 */
	private static final String LATIN_FONT = "font-fallback/LiberationSans-Regular.ttf";

	private static final String NONE = "—";

	/** The archive's last section, the agreement as issued. */
	private static final String APPENDIX = "附：人民调解协议书";

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

	/** Millimetres to points. */
	private static final float MM = 72f / 25.4f;

	private static final Color LABEL_BACKGROUND = new Color(0xF0, 0xF0, 0xF0);

	private static final Style BODY = new Style(11, false);

	/** Two CJK characters at body size: the customary first-line indent. */
	private static final float INDENT = 2 * BODY.size();

	private Type type;

	// ---------------------------------------------------------------------------------------------------------
	// Entry points

	/**
	 * The written mediation agreement; refuses a case without one (an oral agreement is
	 * recorded, not issued).
	 */
	byte[] agreement(CaseFile c) {
		MediationAgreement a = c.agreement();
		if (a == null || !a.isWritten()) {
			throw new IllegalArgumentException("Case " + c.trackingCode() + " has no written agreement");
		}
		return render("人民调解协议书 " + text(c.trackingCode()), false, (doc, writer, pager) -> writeAgreement(doc, c, null));
	}

	/**
	 * The whole case file as one PDF: cover, contents, then one section per part of the
	 * file.
	 */
	byte[] archive(CaseFile c) {
		return render("人民调解卷宗 " + text(c.trackingCode()), true, (doc, writer, pager) -> {
			writeCover(doc, c);
			doc.newPage();

			Map<String, String> sections = new LinkedHashMap<>();
			sections.put("registration", "一、纠纷登记");
			sections.put("parties", "二、当事人");
			sections.put("history", "三、办理经过");
			sections.put("sessions", "四、调解记录");
			sections.put("agreement", "五、调解协议");
			sections.put("followups", "六、回访记录");
			boolean written = c.agreement() != null && c.agreement().isWritten();
			if (written) {
				sections.put("agreement-text", APPENDIX);
			}
			writeContents(doc, writer, pager, sections);

			doc.newPage();
			section(doc, writer, pager, "registration", sections);
			writeRegistration(doc, c);
			section(doc, writer, pager, "parties", sections);
			writeParties(doc, c);
			section(doc, writer, pager, "history", sections);
			writeHistory(doc, c);
			section(doc, writer, pager, "sessions", sections);
			writeSessions(doc, c);
			section(doc, writer, pager, "agreement", sections);
			writeAgreementRecord(doc, c);
			section(doc, writer, pager, "followups", sections);
			writeFollowUps(doc, c);
			if (written) {
				doc.newPage();
				writeAgreement(doc, c, pager);
			}
		});
	}

	/**
	 * Archive, written agreement (if any) and a UTF-8 summary, zipped; entry names are
	 * UTF-8.
	 */
	byte[] zip(CaseFile c) {
		var out = new ByteArrayOutputStream();
		try (var zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
			String code = text(c.trackingCode());
			put(zip, "卷宗-" + code + ".pdf", archive(c));
			if (c.agreement() != null && c.agreement().isWritten()) {
				put(zip, "调解协议书-" + code + ".pdf", agreement(c));
			}
			put(zip, "case.txt", summary(c).getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}

	// ---------------------------------------------------------------------------------------------------------
	// The agreement (人民调解协议书)

	/**
	 * The agreement's pages; within an archive (pager given) its title is the appendix's
	 * contents entry.
	 */
	private void writeAgreement(Document doc, CaseFile c, Pager pager) throws DocumentException {
		MediationAgreement a = c.agreement();
		doc.add(centred(text(c.bodyName()), new Style(14, false), 0, 6));
		Style titleStyle = new Style(22, true);
		Paragraph title = pager == null ? paragraph("人民调解协议书", titleStyle, 33)
				: pager.heading("agreement-text", APPENDIX, "人民调解协议书", titleStyle);
		title.setAlignment(Element.ALIGN_CENTER);
		title.setSpacingAfter(10);
		doc.add(title);
		Paragraph number = paragraph("编号：" + text(c.trackingCode()), BODY, 19);
		number.setAlignment(Element.ALIGN_RIGHT);
		number.setSpacingAfter(10);
		doc.add(number);

		doc.add(label("当事人"));
		for (Party p : list(c.parties())) {
			boolean person = !"ORGANISATION".equals(p.kind());
			doc.add(line(side(p.side()) + "：" + text(p.name()), INDENT));
			doc.add(line(
					(person ? "身份证号：" : "统一社会信用代码：") + text(p.idNumberMasked()) + "　　联系电话：" + text(p.phoneMasked()),
					3 * INDENT));
			doc.add(line("住址：" + text(p.address()), 3 * INDENT));
		}

		doc.add(label("纠纷主要事实及争议事项"));
		paragraphs(doc, a.facts());
		doc.add(label("经调解，当事人自愿达成如下协议"));
		paragraphs(doc, a.obligations());
		doc.add(label("履行方式和期限"));
		paragraphs(doc, a.performance());
		doc.add(indented("履行期限：" + (a.performanceDue() == null ? NONE : date(a.performanceDue()) + "前") + "。"));
		if (a.amount() != null) {
			doc.add(indented("协议涉及金额：人民币" + money(a.amount()) + "元。"));
		}

		doc.add(closing(c, a));
	}

	/**
	 * The statutory clauses with the signature and seal block, kept together on one page
	 * so that no page carries signatures without any of the agreement's text. Room is
	 * left above the committee's name for the seal; an unknown date is left blank for
	 * writing in by hand.
	 */
	private PdfPTable closing(CaseFile c, MediationAgreement a) {
		PdfPTable t = new PdfPTable(1);
		t.setWidthPercentage(100);
		t.setSpacingBefore(8);
		t.setKeepTogether(true);
		t.addCell(plain(indented("本协议一式三份，双方当事人、人民调解委员会各执一份。"), 0));
		t.addCell(plain(indented("本协议自各方当事人签名（盖章或按指印）、人民调解员签名并加盖人民调解委员会印章之日起生效。"), 0));
		t.addCell(plain(indented("双方当事人认为有必要的，可以自本协议生效之日起三十日内共同向人民法院申请司法确认。"), 0));
		boolean first = true;
		for (Party p : list(c.parties())) {
			t.addCell(plain(
					paragraph("当事人（签名或按指印）：________________　（" + side(p.side()) + "：" + text(p.name()) + "）", BODY, 19),
					first ? 28 : 12));
			first = false;
		}
		t.addCell(plain(paragraph("人民调解员（签名）：________________", BODY, 19), 20));
		t.addCell(plain(right(text(c.bodyName())), 36));
		t.addCell(plain(right("（人民调解委员会印章）"), 2));
		t.addCell(plain(right(a.agreedOn() == null ? "　　　　年　　月　　日" : date(a.agreedOn())), 2));
		return t;
	}

	// ---------------------------------------------------------------------------------------------------------
	// The archive (一案一卷)

	private void writeCover(Document doc, CaseFile c) throws DocumentException {
		doc.add(centred(text(c.bodyName()), new Style(16, false), 0, 60));
		doc.add(centred("人民调解卷宗", new Style(32, true), 70, 60));

		PdfPTable t = table(new float[] { 1.2f, 4f });
		t.setWidthPercentage(85);
		String[][] rows = { { "案号", c.trackingCode() }, { "纠纷类型", c.typeName() }, { "受理组织", c.bodyName() },
				{ "当事人", names(c.parties()) },
				{ "登记日期", c.registeredAt() == null ? null : date(c.registeredAt().toLocalDate()) },
				{ "调解结果", c.outcomeName() },
				{ "归档日期", c.archivedAt() == null ? null : date(c.archivedAt().toLocalDate()) } };
		for (String[] r : rows) {
			// Labels spread over the cell's width, the customary look of a file cover.
			Paragraph spread = paragraph(r[0], new Style(12, true), 18);
			spread.setAlignment(Element.ALIGN_JUSTIFIED_ALL);
			PdfPCell label = new PdfPCell();
			label.addElement(spread);
			label.setPaddingLeft(8);
			label.setPaddingRight(8);
			label.setPaddingBottom(8);
			label.setBorderColor(Color.GRAY);
			label.setBackgroundColor(LABEL_BACKGROUND);
			PdfPCell value = cell(text(r[1]), new Style(12, false));
			for (PdfPCell cell : List.of(label, value)) {
				cell.setMinimumHeight(32);
				cell.setVerticalAlignment(Element.ALIGN_MIDDLE);
				t.addCell(cell);
			}
		}
		doc.add(t);
	}

	private void writeContents(Document doc, PdfWriter writer, Pager pager, Map<String, String> sections)
			throws DocumentException {
		doc.add(centred("目　　录", new Style(18, true), 0, 18));
		for (var s : sections.entrySet()) {
			Paragraph p = paragraph(s.getValue(), new Style(12, false), 24);
			chunks(p).forEach(chunk -> chunk.setLocalGoto(s.getKey()));
			p.add(new Chunk(new DottedLineSeparator()));
			// The page number is not known yet: a placeholder filled in when the document
			// closes.
			p.add(new Chunk(Image.getInstance(pager.slot(writer, s.getKey())), 0, -2, false));
			doc.add(p);
		}
	}

	private void section(Document doc, PdfWriter writer, Pager pager, String key, Map<String, String> sections)
			throws DocumentException {
		// Keep a heading with at least some of what follows it.
		if (writer.getVerticalPosition(true) - doc.bottom() < 90) {
			doc.newPage();
		}
		Paragraph p = pager.heading(key, sections.get(key), sections.get(key), new Style(14, true));
		p.setSpacingBefore(14);
		p.setSpacingAfter(6);
		doc.add(p);
	}

	private void writeRegistration(Document doc, CaseFile c) throws DocumentException {
		PdfPTable t = table(new float[] { 1.2f, 4f });
		row(t, "案号", c.trackingCode());
		row(t, "纠纷类型", c.typeName());
		row(t, "来源", c.source());
		row(t, "登记时间", dateTime(c.registeredAt()));
		row(t, "受理组织", c.bodyName());
		row(t, "调解层级", c.rungName());
		row(t, "风险等级", c.riskColourName());
		row(t, "民转刑风险", c.criminalRisk() ? "是" : "否");
		row(t, "纠纷简要情况", c.description());
		doc.add(t);
	}

	private void writeParties(Document doc, CaseFile c) throws DocumentException {
		if (list(c.parties()).isEmpty()) {
			doc.add(indented("无当事人记录。"));
			return;
		}
		PdfPTable t = table(new float[] { 1f, 0.8f, 1.4f, 2f, 1.4f, 2.6f });
		header(t, "身份", "类别", "姓名或名称", "证件号码", "联系电话", "住址");
		for (Party p : c.parties()) {
			cells(t, side(p.side()), "ORGANISATION".equals(p.kind()) ? "单位" : "个人", p.name(), p.idNumberMasked(),
					p.phoneMasked(), p.address());
		}
		doc.add(t);
	}

	private void writeHistory(Document doc, CaseFile c) throws DocumentException {
		if (list(c.history()).isEmpty()) {
			doc.add(indented("无办理记录。"));
			return;
		}
		PdfPTable t = table(new float[] { 2.1f, 1.1f, 1.3f, 2.7f, 2.3f });
		header(t, "时间", "事项", "办理人", "层级变化", "原因或说明");
		for (Move m : c.history()) {
			String rungs = m.fromRung() == null && m.toRung() == null ? null
					: text(m.fromRung()) + " → " + text(m.toRung());
			cells(t, dateTime(m.at()), m.action(), m.actor(), rungs, m.reason());
		}
		doc.add(t);
	}

	private void writeSessions(Document doc, CaseFile c) throws DocumentException {
		if (list(c.sessions()).isEmpty()) {
			doc.add(indented("无调解记录。"));
			return;
		}
		int n = 0;
		for (Session s : c.sessions()) {
			Paragraph title = paragraph("第" + ++n + "次调解", new Style(12, true), 20);
			title.setSpacingBefore(n == 1 ? 0 : 8);
			title.setSpacingAfter(4);
			doc.add(title);
			PdfPTable t = table(new float[] { 1.2f, 4f });
			row(t, "时间", dateTime(s.startsAt()));
			row(t, "地点", s.roomName());
			row(t, "参加人员", s.attendees());
			row(t, "调解笔录", s.minutes());
			doc.add(t);
		}
	}

	private void writeAgreementRecord(Document doc, CaseFile c) throws DocumentException {
		MediationAgreement a = c.agreement();
		if (a == null) {
			doc.add(indented("未达成调解协议。"));
			return;
		}
		PdfPTable t = table(new float[] { 1.4f, 4f });
		row(t, "协议形式", a.isWritten() ? "书面协议" : "ORAL".equals(a.kind()) ? "口头协议" : a.kind());
		row(t, "达成日期", date(a.agreedOn()));
		row(t, "纠纷事实", a.facts());
		row(t, "协议内容", a.obligations());
		row(t, "履行方式", a.performance());
		row(t, "履行期限", date(a.performanceDue()));
		row(t, "涉及金额", a.amount() == null ? null : "人民币" + money(a.amount()) + "元");
		row(t, "司法确认申请期限", date(a.confirmationDue()));
		row(t, "司法确认法院", a.confirmationCourt());
		row(t, "司法确认结果", a.confirmationResult());
		doc.add(t);
	}

	private void writeFollowUps(Document doc, CaseFile c) throws DocumentException {
		if (list(c.followUps()).isEmpty()) {
			doc.add(indented("无回访记录。"));
			return;
		}
		PdfPTable t = table(new float[] { 1.6f, 2.1f, 1f, 3.6f });
		header(t, "应回访日期", "回访时间", "是否履行", "回访情况");
		for (FollowUp f : c.followUps()) {
			cells(t, date(f.dueOn()), dateTime(f.visitedAt()), f.performed() == null ? null : f.performed() ? "是" : "否",
					f.notes());
		}
		doc.add(t);
	}

	// ---------------------------------------------------------------------------------------------------------
	// case.txt

	private String summary(CaseFile c) {
		var s = new StringBuilder();
		s.append("人民调解卷宗摘要\n");
		s.append("案号：").append(text(c.trackingCode())).append('\n');
		s.append("纠纷类型：").append(text(c.typeName())).append('\n');
		s.append("受理组织：").append(text(c.bodyName())).append('\n');
		s.append("调解层级：").append(text(c.rungName())).append('\n');
		s.append("风险等级：")
			.append(text(c.riskColourName()))
			.append("；民转刑风险：")
			.append(c.criminalRisk() ? "是" : "否")
			.append('\n');
		s.append("登记时间：").append(dateTime(c.registeredAt())).append('\n');
		for (Party p : list(c.parties())) {
			s.append(side(p.side())).append("：").append(text(p.name())).append('\n');
		}
		s.append("调解次数：").append(list(c.sessions()).size()).append('\n');
		MediationAgreement a = c.agreement();
		s.append("调解协议：")
			.append(a == null ? "无" : (a.isWritten() ? "书面协议，" : "口头协议，") + "达成于" + date(a.agreedOn()))
			.append('\n');
		s.append("回访次数：").append(list(c.followUps()).size()).append('\n');
		s.append("调解结果：").append(text(c.outcomeName())).append('\n');
		s.append("归档时间：").append(dateTime(c.archivedAt())).append('\n');
		return s.toString();
	}

	private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		zip.write(bytes);
		zip.closeEntry();
	}

	// ---------------------------------------------------------------------------------------------------------
	// Rendering frame

	@FunctionalInterface
	private interface Content {

		void write(Document doc, PdfWriter writer, Pager pager) throws DocumentException;

	}

	/**
	 * A4, with the wider margin on the left for binding; page numbers in the footer (none
	 * on an archive's cover).
	 */
	private byte[] render(String title, boolean cover, Content content) {
		var out = new ByteArrayOutputStream();
		var doc = new Document(PageSize.A4, 28 * MM, 24 * MM, 25 * MM, 25 * MM);
		try {
			PdfWriter writer = PdfWriter.getInstance(doc, out);
			Pager pager = new Pager(type(), cover);
			writer.setPageEvent(pager);
			writer.setViewerPreferences(cover ? PdfWriter.PageModeUseOutlines : PdfWriter.PageModeUseNone);
			doc.addTitle(title);
			doc.addCreator("枫桥");
			doc.open();
			content.write(doc, writer, pager);
			doc.close();
		}
		catch (DocumentException e) {
			throw new IllegalStateException("Cannot render " + title, e);
		}
		return out.toByteArray();
	}

	/**
	 * Page events: the footer "第 N 页，共 M 页" (M filled in at close), and the contents'
	 * page numbers and bookmarks, taken from where each section heading actually lands.
	 */
	private static final class Pager extends PdfPageEventHelper {

		private static final Style FOOTER = new Style(9, false);

		private static final Style PAGE_NUMBER = new Style(12, false);

		private final Type type;

		private final boolean skipFirst;

		private final Map<String, PdfTemplate> slots = new HashMap<>();

		private final Map<String, Integer> pages = new HashMap<>();

		private final Map<String, String> titles = new HashMap<>();

		private PdfTemplate total;

		Pager(Type type, boolean skipFirst) {
			this.type = type;
			this.skipFirst = skipFirst;
		}

		/** A placeholder for the page number of a section, for the contents. */
		PdfTemplate slot(PdfWriter writer, String key) {
			return slots.computeIfAbsent(key, k -> writer.getDirectContent().createTemplate(24, 16));
		}

		/**
		 * A section heading that records its page for the contents, is a link target and
		 * gets a bookmark.
		 */
		Paragraph heading(String key, String bookmark, String text, Style style) {
			titles.put(key, bookmark);
			Paragraph p = type.paragraph(text, style, style.size() * 1.5f);
			Chunk first = chunks(p).get(0);
			first.setLocalDestination(key);
			first.setGenericTag(key);
			return p;
		}

		@Override
		public void onOpenDocument(PdfWriter writer, Document document) {
			total = writer.getDirectContent().createTemplate(60, 16);
		}

		@Override
		public void onGenericTag(PdfWriter writer, Document document, Rectangle rect, String key) {
			// A heading that wraps calls back once per line: the first is where it
			// starts.
			if (pages.putIfAbsent(key, writer.getPageNumber()) == null) {
				new PdfOutline(writer.getRootOutline(), new PdfDestination(PdfDestination.FITH, rect.getTop() + 20),
						titles.getOrDefault(key, key));
			}
		}

		@Override
		public void onEndPage(PdfWriter writer, Document document) {
			int page = writer.getPageNumber();
			if (skipFirst && page == 1) {
				return;
			}
			float x = (document.left() + document.right()) / 2;
			float y = document.bottom() - 12 * MM;
			PdfContentByte cb = writer.getDirectContent();
			ColumnText.showTextAligned(cb, Element.ALIGN_RIGHT, type.phrase("第 " + page + " 页，", FOOTER), x, y, 0);
			cb.addTemplate(total, x, y - 4);
		}

		@Override
		public void onCloseDocument(PdfWriter writer, Document document) {
			// Called after the last page ended: the page number is one past it.
			ColumnText.showTextAligned(total, Element.ALIGN_LEFT,
					type.phrase("共 " + (writer.getPageNumber() - 1) + " 页", FOOTER), 0, 4, 0);
			slots.forEach((key, slot) -> {
				Integer page = pages.get(key);
				ColumnText.showTextAligned(slot, Element.ALIGN_RIGHT,
						type.phrase(page == null ? NONE : String.valueOf(page), PAGE_NUMBER), slot.getWidth(), 2, 0);
			});
		}

	}

	// ---------------------------------------------------------------------------------------------------------
	// Type

	/**
	 * A text size, and whether simulated bold (OpenPDF fills and strokes the glyphs;
	 * there is no bold face).
	 */
	private record Style(float size, boolean bold) {
	}

	/**
	 * The two embedded fonts and how text is set in them: each character in the CJK font
	 * if it has it, else in the Latin one. Parsed once; BaseFont is safe to share between
	 * documents.
	 */
	private static final class Type {

		private final BaseFont cjk;

		private final BaseFont latin;

		Type() {
			this.cjk = load(CJK_FONT, "DroidSansFallbackFull.ttf");
			this.latin = load(LATIN_FONT, "LiberationSans-Regular.ttf");
		}

		private static BaseFont load(String resource, String name) {
			try (InputStream in = Documents.class.getClassLoader().getResourceAsStream(resource)) {
				if (in == null) {
					throw new IllegalStateException("Missing font on the classpath: " + resource);
				}
				return BaseFont.createFont(name, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, in.readAllBytes(), null);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			catch (DocumentException e) {
				throw new IllegalStateException("Cannot load font " + resource, e);
			}
		}

		Font font(Style style) {
			return new Font(cjk, style.size(), style.bold() ? Font.BOLD : Font.NORMAL);
		}

		/** Text as chunks, each in the first font that has its characters. */
		Phrase phrase(String text, Style style) {
			var selector = new FontSelector();
			int face = style.bold() ? Font.BOLD : Font.NORMAL;
			selector.addFont(new Font(cjk, style.size(), face));
			selector.addFont(new Font(latin, style.size(), face));
			return selector.process(text);
		}

		/** A paragraph whose own font (used for its line ends) is an embedded one too. */
		Paragraph paragraph(String text, Style style, float leading) {
			Paragraph p = new Paragraph(leading, "", font(style));
			p.addAll(phrase(text, style));
			return p;
		}

	}

	/** The fonts, loaded on first use. */
	private synchronized Type type() {
		if (type == null) {
			type = new Type();
		}
		return type;
	}

	// ---------------------------------------------------------------------------------------------------------
	// Building blocks

	private Paragraph paragraph(String text, Style style, float leading) {
		return type().paragraph(text, style, leading);
	}

	private Paragraph centred(String text, Style style, float before, float after) {
		Paragraph p = paragraph(text, style, style.size() * 1.5f);
		p.setAlignment(Element.ALIGN_CENTER);
		p.setSpacingBefore(before);
		p.setSpacingAfter(after);
		return p;
	}

	/** A bold run-in label such as "当事人：". */
	private Paragraph label(String text) {
		Paragraph p = paragraph(text + "：", new Style(12, true), 20);
		p.setSpacingBefore(8);
		return p;
	}

	private Paragraph line(String text, float indent) {
		Paragraph p = paragraph(text, BODY, 19);
		p.setIndentationLeft(indent);
		return p;
	}

	/** A body paragraph with the customary two-character first-line indent. */
	private Paragraph indented(String text) {
		Paragraph p = paragraph(text, BODY, 19);
		p.setFirstLineIndent(INDENT);
		return p;
	}

	/** Multi-line text as one indented paragraph per line; nothing at all prints "—". */
	private void paragraphs(Document doc, String text) throws DocumentException {
		List<String> lines = text == null ? List.of()
				: text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
		if (lines.isEmpty()) {
			doc.add(indented(NONE));
		}
		for (String l : lines) {
			doc.add(indented(l));
		}
	}

	private PdfPTable table(float[] widths) {
		PdfPTable t = new PdfPTable(widths);
		t.setWidthPercentage(100);
		t.setSpacingAfter(6);
		return t;
	}

	/** A label–value row. */
	private void row(PdfPTable t, String label, String value) {
		PdfPCell l = cell(label, new Style(10.5f, true));
		l.setBackgroundColor(LABEL_BACKGROUND);
		t.addCell(l);
		t.addCell(cell(text(value), new Style(10.5f, false)));
	}

	/** A header row, repeated when the table runs over a page. */
	private void header(PdfPTable t, String... labels) {
		for (String label : labels) {
			PdfPCell c = cell(label, new Style(10.5f, true));
			c.setBackgroundColor(LABEL_BACKGROUND);
			c.setHorizontalAlignment(Element.ALIGN_CENTER);
			t.addCell(c);
		}
		t.setHeaderRows(1);
	}

	private void cells(PdfPTable t, String... values) {
		for (String v : values) {
			t.addCell(cell(text(v), new Style(10, false)));
		}
	}

	/** A table cell (text mode: the cell's alignment and leading apply). */
	private PdfPCell cell(String text, Style style) {
		PdfPCell c = new PdfPCell(type().phrase(text, style));
		c.setLeading(0, 1.45f);
		c.setPaddingTop(2);
		c.setPaddingBottom(6);
		c.setPaddingLeft(5);
		c.setPaddingRight(5);
		c.setBorderColor(Color.GRAY);
		return c;
	}

	/**
	 * A borderless cell holding a paragraph as laid out (its alignment, indents and
	 * leading), for the closing.
	 */
	private PdfPCell plain(Paragraph p, float before) {
		PdfPCell c = new PdfPCell();
		c.addElement(p);
		c.setBorder(Rectangle.NO_BORDER);
		c.setPadding(0);
		c.setPaddingTop(before);
		return c;
	}

	private Paragraph right(String text) {
		Paragraph p = paragraph(text, BODY, 19);
		p.setAlignment(Element.ALIGN_RIGHT);
		return p;
	}

	/** The text chunks of a paragraph (as built here, all its elements). */
	private static List<Chunk> chunks(Paragraph p) {
		return p.getChunks().stream().filter(Chunk.class::isInstance).map(Chunk.class::cast).toList();
	}

	private static String side(String side) {
		return switch (side == null ? "" : side) {
			case "APPLICANT" -> "申请人";
			case "RESPONDENT" -> "被申请人";
			default -> "当事人";
		};
	}

	private static String names(List<Party> parties) {
		String names = list(parties).stream().map(p -> text(p.name())).collect(Collectors.joining("、"));
		return names.isEmpty() ? null : names;
	}

	private static String text(String s) {
		return s == null || s.isBlank() ? NONE : s;
	}

	private static String date(LocalDate d) {
		return d == null ? NONE : DATE.format(d);
	}

	private static String dateTime(LocalDateTime t) {
		return t == null ? NONE : DATE_TIME.format(t);
	}

	private static String money(BigDecimal amount) {
		return new DecimalFormat("#,##0.00").format(amount);
	}

	private static <T> List<T> list(List<T> items) {
		return items == null ? List.of() : items;
	}

}
