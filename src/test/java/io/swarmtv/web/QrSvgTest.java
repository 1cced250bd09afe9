package io.swarmtv.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nayuki.qrcodegen.QrCode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class QrSvgTest {
  @Test
  void theSvgDrawsExactlyTheCodesDarkModulesInsideAQuietZone() {
    String text = "http://192.168.1.5:8080/hls/7q5yi42w5odtgd6sc4un5nfalfiw53zbzr4jbdbe7gw3fvokfqcq/index.m3u8";
    QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
    String svg = QrSvg.of(text);
    int size = qr.size + 8;
    assertTrue(svg.contains("viewBox=\"0 0 " + size + " " + size + "\""), svg);
    boolean[][] drawn = new boolean[size][size];
    Matcher m = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z").matcher(svg);
    int squares = 0;
    while (m.find()) {
      drawn[Integer.parseInt(m.group(2))][Integer.parseInt(m.group(1))] = true;
      squares++;
    }
    int dark = 0;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        boolean inside = x >= 4 && y >= 4 && x < qr.size + 4 && y < qr.size + 4;
        boolean expected = inside && qr.getModule(x - 4, y - 4);
        assertEquals(expected, drawn[y][x], "module " + x + "," + y);
        dark += expected ? 1 : 0;
      }
    }
    assertEquals(dark, squares);
  }
}
