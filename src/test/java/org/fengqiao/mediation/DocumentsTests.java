package org.fengqiao.mediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.fengqiao.mediation.CaseFile.FollowUp;
import org.fengqiao.mediation.CaseFile.MediationAgreement;
import org.fengqiao.mediation.CaseFile.Move;
import org.fengqiao.mediation.CaseFile.Party;
import org.fengqiao.mediation.CaseFile.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The mediation documents render Chinese text with an embedded font, and read back as
 * written.
 */
@Execution(ExecutionMode.CONCURRENT)
class DocumentsTests {

	final CaseDocuments documents = new CaseDocuments(CaseDocuments.BUNDLED);

	@Test
	void theAgreementCarriesTheStatutoryContents() throws IOException {
		String text = text(documents.agreement(caseFile(written())));

		assertThat(text).contains("人民调解协议书", "编号：FQ-2025-000123", "柳林村人民调解委员会", "申请人：张秀兰", "被申请人：李建国",
				"身份证号：6108**********1234", "纠纷主要事实及争议事项", "院墙向东多砌了约三十厘米", "李建国于2025年7月31日前拆除越界院墙", "2025年7月31日前",
				"人民币12,000.00元", "本协议一式三份", "三十日内", "司法确认", "当事人（签名或按指印）", "人民调解员（签名）", "（人民调解委员会印章）", "2025年7月1日");
	}

	@Test
	void theArchiveHoldsTheWholeCase() throws IOException {
		String text = text(documents.archive(caseFile(written())));

		assertThat(text).contains("人民调解卷宗", "目", "一、纠纷登记", "二、当事人", "三、办理经过", "四、调解记录", "五、调解协议", "六、回访记录", "附：人民调解协议书",
				"老张说和室", "双方同意以界桩为准重新砌墙", "村调解中心→镇调委会", "民转刑风险", "临渭区人民法院", "已按协议拆除重砌", "人民调解协议书", "三十日内");
	}

	@Test
	void theArchiveHasABookmarkPerSection() throws IOException {
		try (PDDocument doc = Loader.loadPDF(documents.archive(caseFile(written())))) {
			List<String> titles = new ArrayList<>();
			doc.getDocumentCatalog().getDocumentOutline().children().forEach(item -> titles.add(item.getTitle()));

			assertThat(titles).containsExactly("一、纠纷登记", "二、当事人", "三、办理经过", "四、调解记录", "五、调解协议", "六、回访记录", "附：人民调解协议书");
		}
	}

	@Test
	void theArchiveRendersWithoutAnAgreementAndWithMissingValues() throws IOException {
		var bare = new CaseFile(null, null, null, null, null, null, null, false, null, null, null, null, null, null,
				null, null);
		String text = text(documents.archive(bare));

		assertThat(text).contains("人民调解卷宗", "未达成调解协议", "无调解记录", "—").doesNotContain("附：人民调解协议书");
	}

	@Test
	void theFontsAreEmbedded() throws IOException {
		for (byte[] pdf : List.of(documents.agreement(caseFile(written())), documents.archive(caseFile(written())))) {
			try (PDDocument doc = Loader.loadPDF(pdf)) {
				assertThat(fonts(doc.getPage(0).getResources())).extracting(PDFont::getName)
					.anySatisfy(name -> assertThat(name).contains("DroidSansFallback"));
				for (PDPage page : doc.getPages()) {
					assertThat(fonts(page.getResources())).isNotEmpty()
						.allSatisfy(f -> assertThat(f.isEmbedded()).isTrue());
				}
			}
		}
	}

	static List<PDFont> fonts(PDResources resources) throws IOException {
		List<PDFont> fonts = new ArrayList<>();
		for (COSName name : resources.getFontNames()) {
			fonts.add(resources.getFont(name));
		}
		return fonts;
	}

	@Test
	void onlyAWrittenAgreementIsIssued() {
		MediationAgreement oral = new MediationAgreement("ORAL", "口角", "互相道歉", "当场履行", null, null,
				LocalDate.of(2025, 7, 1), null, null, null);
		assertThatIllegalArgumentException().isThrownBy(() -> documents.agreement(caseFile(oral)));
		assertThatIllegalArgumentException().isThrownBy(() -> documents.agreement(caseFile(null)));
	}

	@Test
	void theZipHoldsArchiveAgreementAndSummary() throws IOException {
		Map<String, byte[]> entries = unzip(documents.zip(caseFile(written())));

		assertThat(entries).containsOnlyKeys("卷宗-FQ-2025-000123.pdf", "调解协议书-FQ-2025-000123.pdf", "case.txt");
		assertThat(new String(entries.get("卷宗-FQ-2025-000123.pdf"), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("%PDF");
		assertThat(new String(entries.get("调解协议书-FQ-2025-000123.pdf"), 0, 4, StandardCharsets.US_ASCII))
			.isEqualTo("%PDF");
		assertThat(new String(entries.get("case.txt"), StandardCharsets.UTF_8)).contains("FQ-2025-000123", "张秀兰");
	}

	@Test
	void withoutAWrittenAgreementTheZipHasNoAgreement() throws IOException {
		MediationAgreement oral = new MediationAgreement("ORAL", "口角", "互相道歉", "当场履行", null, null,
				LocalDate.of(2025, 7, 1), null, null, null);

		assertThat(unzip(documents.zip(caseFile(oral)))).containsOnlyKeys("卷宗-FQ-2025-000123.pdf", "case.txt");
	}

	@Test
	void aCountysOwnTemplateComesFirstAndTheBundledOnesFillIn(@TempDir Path county) throws IOException {
		try (InputStream bundled = getClass().getResourceAsStream("/templates/mediation/documents/agreement.html")) {
			String adapted = new String(bundled.readAllBytes(), StandardCharsets.UTF_8)
				.replace("本协议一式三份，双方当事人、人民调解委员会各执一份。", "本协议一式四份，双方当事人、人民调解委员会、县司法局各执一份。");
			Files.writeString(county.resolve("agreement.html"), adapted);
		}
		var adapted = new CaseDocuments(county.toUri().toString());

		assertThat(text(adapted.agreement(caseFile(written())))).contains("本协议一式四份", "县司法局各执一份")
			.doesNotContain("本协议一式三份");
		// archive.html is not adapted: the bundled one, with the county's agreement as
		// its last section.
		assertThat(text(adapted.archive(caseFile(written())))).contains("一、纠纷登记", "本协议一式四份").doesNotContain("本协议一式三份");
		assertThat(text(documents.agreement(caseFile(written())))).contains("本协议一式三份");
	}

	@Test
	void whatPeopleTypedPrintsAsText() throws IOException {
		String name = "<script>alert('x')</script> & 张<b>三</b>";
		CaseFile c = caseFile(written());
		c = c.withParties(List.of(new Party("APPLICANT", "PERSON", name, null, null, "柳林村 &amp; <br/>")));

		assertThat(documents.render("agreement.html", c))
			.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; 张&lt;b&gt;三&lt;/b&gt;")
			.doesNotContain("<script>", "<b>");
		String literal = name.replaceAll("\\s+", "");
		assertThat(text(documents.agreement(c))).contains("申请人：" + literal, "住址：柳林村&amp;<br/>");
		assertThat(text(documents.archive(c))).contains(literal);
		assertThat(new String(unzip(documents.zip(c)).get("case.txt"), StandardCharsets.UTF_8))
			.contains("申请人：" + name + "\n");
	}

	@Test
	void theSummaryListsTheCase() throws IOException {
		String summary = new String(unzip(documents.zip(caseFile(written()))).get("case.txt"), StandardCharsets.UTF_8);

		assertThat(summary).isEqualTo("""
				人民调解卷宗摘要
				案号：FQ-2025-000123
				纠纷类型：邻里纠纷
				受理组织：柳林村人民调解委员会
				调解层级：镇调委会
				风险等级：黄色；民转刑风险：否
				登记时间：2025年6月18日 08:45
				申请人：张秀兰
				被申请人：李建国
				调解次数：2
				调解协议：书面协议，达成于2025年7月1日
				回访次数：2
				调解结果：调解成功
				归档时间：2025年8月20日 11:00
				""");
	}

	@Test
	void theArchivesPagesAreNumbered() throws IOException {
		String text = text(documents.archive(caseFile(written())));

		assertThat(text).contains("第2页，共", "页").doesNotContain("第1页");
	}

	static MediationAgreement written() {
		return new MediationAgreement("WRITTEN", "申请人张秀兰与被申请人李建国系前后院邻居。2025年5月，李建国翻建院墙时，院墙向东多砌了约三十厘米，占用张秀兰家通道，双方多次争吵。",
				"一、李建国于2025年7月31日前拆除越界院墙，按村委会确认的界桩重新砌墙。\n二、李建国一次性补偿张秀兰损失人民币12000元。\n三、双方今后和睦相处，不再因此事发生争执。",
				"补偿款于协议签订当日以银行转账方式支付；拆墙重砌由李建国自行负责并承担费用。", LocalDate.of(2025, 7, 31), new BigDecimal("12000"),
				LocalDate.of(2025, 7, 1), LocalDate.of(2025, 7, 31), "临渭区人民法院", "确认有效");
	}

	static CaseFile caseFile(MediationAgreement agreement) {
		var parties = List.of(
				new Party("APPLICANT", "PERSON", "张秀兰", "6108**********1234", "138****5678", "渭南市临渭区柳林村三组12号"),
				new Party("RESPONDENT", "PERSON", "李建国", "6108**********5678", "139****4321", "渭南市临渭区柳林村三组14号"));
		var sessions = List.of(
				new Session(LocalDateTime.of(2025, 6, 20, 9, 30), "老张说和室", "调解员王德明；张秀兰；李建国；村民代表赵四",
						"双方陈述各自意见。经实地丈量，院墙越界约三十厘米。双方同意以界桩为准重新砌墙，补偿金额未谈妥。"),
				new Session(LocalDateTime.of(2025, 7, 1, 14, 0), "镇调委会调解室", "调解员王德明、刘芳；张秀兰；李建国",
						"就补偿金额达成一致，签订书面调解协议。"));
		var followUps = List.of(new FollowUp(LocalDate.of(2025, 8, 5), LocalDateTime.of(2025, 8, 5, 10, 0), true,
				"已按协议拆除重砌，补偿款已付清，双方满意。"), new FollowUp(LocalDate.of(2025, 10, 1), null, null, null));
		var history = List.of(new Move(LocalDateTime.of(2025, 6, 18, 8, 45), "登记", "网格员陈晨", null, "村调解中心", "吹哨转入"),
				new Move(LocalDateTime.of(2025, 6, 25, 16, 10), "上移", "王德明", "村调解中心", "镇调委会", "补偿金额分歧较大"),
				new Move(LocalDateTime.of(2025, 7, 1, 15, 30), "达成协议", "刘芳", null, null, null));
		return new CaseFile("FQ-2025-000123", "邻里纠纷", "网格吹哨", "两户因院墙边界争吵多次，院墙越界占用通道。", "柳林村人民调解委员会", "镇调委会", "黄色",
				false, LocalDateTime.of(2025, 6, 18, 8, 45), parties, sessions, agreement, followUps, history,
				agreement == null ? null : "调解成功", LocalDateTime.of(2025, 8, 20, 11, 0));
	}

	/**
	 * The text in reading order, without white space: lines wrap wherever the layout puts
	 * them (CJK text breaks between any two characters), and PDFBox adds spaces between
	 * runs in different fonts.
	 */
	static String text(byte[] pdf) throws IOException {
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			var stripper = new PDFTextStripper();
			stripper.setSortByPosition(true);
			return stripper.getText(doc).replaceAll("\\s+", "");
		}
	}

	static Map<String, byte[]> unzip(byte[] zip) throws IOException {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		try (var in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
			for (ZipEntry e; (e = in.getNextEntry()) != null;) {
				entries.put(e.getName(), in.readAllBytes());
			}
		}
		return entries;
	}

}
