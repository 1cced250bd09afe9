package io.swarmtv.web;

import io.nayuki.qrcodegen.QrCode;

/** A QR code as a small SVG, so a phone can open a channel's URL by pointing its camera at the page. */
final class QrSvg {
  private static final int BORDER = 4;

  private QrSvg() {}

  /** The code for {@code text} (medium error correction), black modules on white, 4-module quiet zone. */
  static String of(String text) {
    QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
    int size = qr.size + 2 * BORDER;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < qr.size; y++) {
      for (int x = 0; x < qr.size; x++) {
        if (qr.getModule(x, y)) {
          path.append('M').append(x + BORDER).append(',').append(y + BORDER).append("h1v1h-1z");
        }
      }
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 " + size + " " + size
        + "\" stroke=\"none\" shape-rendering=\"crispEdges\">\n"
        + "<rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>\n"
        + "<path d=\"" + path + "\" fill=\"#000000\"/>\n</svg>\n";
  }
}
