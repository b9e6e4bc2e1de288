package org.fengqiao.platform;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Hostile files made on the fly (nothing big is committed): images that lie about
 * themselves, workbooks that are zip bombs or carry XXE and billion laughs, malformed
 * GeoJSON.
 */
public final class Hostile {

	private Hostile() {
	}

	static final List<String> COLUMNS = List.of("姓名", "性别", "身份证号", "手机号", "单位编码", "角色", "职责类型", "网格编码", "警格编码", "专业",
			"起始日期", "截止日期");

	// --- images
	// ---------------------------------------------------------------------------------------------

	public static byte[] png(int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		return out.toByteArray();
	}

	/**
	 * A valid greyscale PNG of width × height pixels, all black: a few hundred KB that
	 * decode to width × height bytes (20000 × 20000 → 400 MB).
	 */
	public static byte[] pngDeclaring(int width, int height) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			out.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
			ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
			DataOutputStream d = new DataOutputStream(ihdr);
			d.writeInt(width);
			d.writeInt(height);
			d.writeByte(8); // bit depth
			d.writeByte(0); // greyscale
			d.writeByte(0);
			d.writeByte(0);
			d.writeByte(0);
			chunk(out, "IHDR", ihdr.toByteArray());
			ByteArrayOutputStream idat = new ByteArrayOutputStream();
			try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_COMPRESSION),
					1 << 16)) {
				byte[] row = new byte[width + 1];
				for (int y = 0; y < height; y++) {
					z.write(row);
				}
			}
			chunk(out, "IDAT", idat.toByteArray());
			chunk(out, "IEND", new byte[0]);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
		DataOutputStream d = new DataOutputStream(out);
		d.writeInt(data.length);
		byte[] t = type.getBytes(StandardCharsets.US_ASCII);
		d.write(t);
		d.write(data);
		CRC32 crc = new CRC32();
		crc.update(t);
		crc.update(data);
		d.writeInt((int) crc.getValue());
	}

	/** A RIFF/WEBP header followed by junk: a WebP by its first twelve bytes only. */
	public static byte[] fakeWebp() {
		byte[] head = "RIFF\u0000\u0010\u0000\u0000WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
		byte[] data = new byte[4096];
		System.arraycopy(head, 0, data, 0, head.length);
		for (int i = head.length; i < data.length; i++) {
			data[i] = (byte) (i * 31);
		}
		return data;
	}

	/**
	 * A small JPEG with an APP1 Exif segment holding a GPS IFD (latitude/longitude of
	 * Jingbian).
	 */
	public static byte[] jpegWithGps() {
		BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
		for (int x = 0; x < 32; x++) {
			image.setRGB(x, x % 24, 0xFF0000);
		}
		ByteArrayOutputStream plain = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "jpeg", plain);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		byte[] jpeg = plain.toByteArray();
		byte[] exif = exifWithGps();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(jpeg, 0, 2); // SOI
		out.write(0xFF);
		out.write(0xE1);
		int length = exif.length + 2;
		out.write(length >> 8);
		out.write(length & 0xFF);
		out.write(exif, 0, exif.length);
		out.write(jpeg, 2, jpeg.length - 2);
		return out.toByteArray();
	}

	/**
	 * "Exif\0\0" + a big-endian TIFF with IFD0 → GPS IFD (tags 1-4: N, 37°36', E,
	 * 108°48').
	 */
	private static byte[] exifWithGps() {
		try {
			ByteArrayOutputStream tiff = new ByteArrayOutputStream();
			DataOutputStream d = new DataOutputStream(tiff);
			d.writeBytes("MM");
			d.writeShort(42);
			d.writeInt(8); // IFD0 at 8
			// IFD0: one entry, GPSInfo (0x8825) → offset 26
			d.writeShort(1);
			d.writeShort(0x8825);
			d.writeShort(4); // LONG
			d.writeInt(1);
			d.writeInt(26);
			d.writeInt(0); // no next IFD
			// GPS IFD at 26: four entries (2 + 4*12 + 4 = 54 bytes) → values at 80
			d.writeShort(4);
			d.writeShort(1); // GPSLatitudeRef
			d.writeShort(2); // ASCII
			d.writeInt(2);
			d.writeBytes("N\0\0\0");
			d.writeShort(2); // GPSLatitude
			d.writeShort(5); // RATIONAL
			d.writeInt(3);
			d.writeInt(80);
			d.writeShort(3); // GPSLongitudeRef
			d.writeShort(2);
			d.writeInt(2);
			d.writeBytes("E\0\0\0");
			d.writeShort(4); // GPSLongitude
			d.writeShort(5);
			d.writeInt(3);
			d.writeInt(104);
			d.writeInt(0);
			for (int[] r : new int[][] { { 37, 1 }, { 36, 1 }, { 0, 1 }, { 108, 1 }, { 48, 1 }, { 0, 1 } }) {
				d.writeInt(r[0]);
				d.writeInt(r[1]);
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			out.write("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
			out.write(tiff.toByteArray());
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * A real PNG with an HTML page and a zip appended: a polyglot that a browser or unzip
	 * would read too.
	 */
	public static byte[] polyglotPng() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(png(16, 16));
		out.writeBytes("<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8));
		out.writeBytes(zip(Map.of("evil.txt", "PK payload".getBytes(StandardCharsets.UTF_8))));
		return out.toByteArray();
	}

	// --- workbooks
	// ----------------------------------------------------------------------------------------------

	static byte[] zip(Map<String, byte[]> entries) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			for (var e : entries.entrySet()) {
				zip.putNextEntry(new ZipEntry(e.getKey()));
				zip.write(e.getValue());
				zip.closeEntry();
			}
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		return out.toByteArray();
	}

	public static byte[] plainZip() {
		return zip(Map.of("readme.txt", "hello".getBytes(StandardCharsets.UTF_8)));
	}

	/** Has the package's content types but no workbook part. */
	public static byte[] zipWithoutWorkbook() {
		return zip(Map.of("[Content_Types].xml",
				("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
						+ "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>")
					.getBytes(StandardCharsets.UTF_8),
				"_rels/.rels",
				("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>")
					.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * A workbook in the import layout with the header row and one row whose first cell is
	 * {@code name}.
	 */
	public static byte[] rowWith(String name) {
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			var sheet = workbook.createSheet("人员");
			var header = sheet.createRow(0);
			for (int c = 0; c < COLUMNS.size(); c++) {
				header.createCell(c).setCellValue(COLUMNS.get(c));
			}
			if (name != null) {
				var row = sheet.createRow(1);
				row.createCell(0).setCellValue(name);
				row.createCell(1).setCellValue("男");
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * A workbook in the import layout whose second row's name is written with OOXML's
	 * escape for characters XML cannot carry ({@code _x0000_} is NUL), which POI decodes
	 * back into the character.
	 */
	public static byte[] rowWithEscapedNul() {
		StringBuilder xml = new StringBuilder(
				"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet " + SHEET_NS + "><sheetData><row r=\"1\">");
		for (int c = 0; c < COLUMNS.size(); c++) {
			xml.append("<c r=\"")
				.append((char) ('A' + c))
				.append("1\" t=\"inlineStr\"><is><t>")
				.append(COLUMNS.get(c))
				.append("</t></is></c>");
		}
		xml.append("</row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>张_x0000_三</t></is></c>"
				+ "<c r=\"B2\" t=\"inlineStr\"><is><t>男</t></is></c></row></sheetData></worksheet>");
		return withSheet(xml.toString());
	}

	/** A real workbook whose first sheet's XML is replaced by {@code sheetXml}. */
	public static byte[] withSheet(String sheetXml) {
		return replacing("xl/worksheets/sheet1.xml", sheetXml.getBytes(StandardCharsets.UTF_8));
	}

	static byte[] replacing(String part, byte[] content) {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(rowWith(null)))) {
			for (ZipEntry e; (e = in.getNextEntry()) != null;) {
				entries.put(e.getName(), e.getName().equals(part) ? content : in.readAllBytes());
			}
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		return zip(entries);
	}

	static final String SHEET_NS = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";

	/** A workbook whose sheet inflates from a few hundred KB to 200 MB of whitespace. */
	public static byte[] zipBomb() {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(rowWith(null)))) {
			for (ZipEntry e; (e = in.getNextEntry()) != null;) {
				entries.put(e.getName(), in.readAllBytes());
			}
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.setLevel(Deflater.BEST_COMPRESSION);
			for (var e : entries.entrySet()) {
				zip.putNextEntry(new ZipEntry(e.getKey()));
				if (e.getKey().equals("xl/worksheets/sheet1.xml")) {
					zip.write(("<?xml version=\"1.0\"?><worksheet " + SHEET_NS + "><sheetData>")
						.getBytes(StandardCharsets.UTF_8));
					byte[] blank = new byte[1 << 20];
					java.util.Arrays.fill(blank, (byte) ' ');
					for (int i = 0; i < 200; i++) {
						zip.write(blank);
					}
					zip.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
				}
				else {
					zip.write(e.getValue());
				}
				zip.closeEntry();
			}
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		return out.toByteArray();
	}

	/** The sheet declares an external entity reading /etc/passwd into a cell. */
	public static byte[] xxe() {
		return withSheet("<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
				+ "<worksheet " + SHEET_NS
				+ "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>"
				+ "</sheetData></worksheet>");
	}

	/** The classic nested-entity expansion ("billion laughs") in the sheet. */
	public static byte[] billionLaughs() {
		StringBuilder dtd = new StringBuilder("<!ENTITY lol0 \"lol\">");
		for (int i = 1; i <= 9; i++) {
			dtd.append("<!ENTITY lol")
				.append(i)
				.append(" \"")
				.append(("&lol" + (i - 1) + ";").repeat(10))
				.append("\">");
		}
		return withSheet("<?xml version=\"1.0\"?><!DOCTYPE worksheet [" + dtd + "]><worksheet " + SHEET_NS
				+ "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>");
	}

	// --- GeoJSON
	// ----------------------------------------------------------------------------------------------

	/**
	 * A FeatureCollection of one level-5 grid with the given (JSON-escaped) name and
	 * ring.
	 */
	public static byte[] oneGrid(String name, String ring) {
		return ("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\"61082400100201\","
				+ "\"name\":\"网格" + name + "\",\"level\":5},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[" + ring
				+ "]}}]}")
			.getBytes(StandardCharsets.UTF_8);
	}

}
