#!/usr/bin/python3
"""A real UPnP control point (GUPnP, the library behind Rygel and GNOME's media apps) for tests.

Finds the MediaServer with the given UDN on an interface, then either runs ContentDirectory calls
(mode "browse") and prints their results as one JSON object, or subscribes to ContentDirectory
events (mode "watch") and prints one JSON line per event until it has seen N of them.

usage: gupnp_control_point.py IFACE UDN browse
       gupnp_control_point.py IFACE UDN watch N
"""
import json
import sys

import gi

gi.require_version("GUPnP", "1.6")
gi.require_version("GUPnPAV", "1.0")
from gi.repository import GLib, GObject, GUPnP, GUPnPAV  # noqa: E402

IFACE, UDN, MODE = sys.argv[1], sys.argv[2], sys.argv[3]
TIMEOUT_S = 90  # generous: a loaded CI machine delivers events late, and the test bounds each step itself
CDS = "urn:schemas-upnp-org:service:ContentDirectory"

loop = GLib.MainLoop()
found = {}


def value(t, v):
    g = GObject.Value(t)
    g.set_value(v)
    return g


def call(service, name, args, outs):
    """Calls an action; returns a dict of its out arguments, or {"error": code, "message": text}."""
    action = GUPnP.ServiceProxyAction.new_from_list(
        name, [a[0] for a in args], [value(a[1], a[2]) for a in args])
    try:
        service.call_action(action, None)
        ok, values = action.get_result_list([o[0] for o in outs], [o[1] for o in outs])
    except GLib.Error as e:
        return {"error": e.code, "message": e.message}
    return {o[0]: v for o, v in zip(outs, values)}


def parse_didl(xml):
    objects = []
    parser = GUPnPAV.DIDLLiteParser()

    def on_object(_parser, obj):
        o = {"id": obj.get_id(), "parent": obj.get_parent_id(), "title": obj.get_title(),
             "class": obj.get_upnp_class(), "albumArt": obj.get_album_art(), "res": []}
        for r in obj.get_resources():
            pi = r.get_protocol_info()
            o["res"].append({"uri": r.get_uri(), "protocolInfo": pi.to_string(),
                             "mime": pi.get_mime_type(), "profile": pi.get_dlna_profile(),
                             "width": r.get_width(), "height": r.get_height()})
        objects.append(o)

    parser.connect("object-available", on_object)
    parser.parse_didl(xml)
    return objects


def browse(service, object_id, flag, start=0, count=0, sort=""):
    r = call(service, "Browse",
             [("ObjectID", GObject.TYPE_STRING, object_id), ("BrowseFlag", GObject.TYPE_STRING, flag),
              ("Filter", GObject.TYPE_STRING, "*"), ("StartingIndex", GObject.TYPE_UINT, start),
              ("RequestedCount", GObject.TYPE_UINT, count), ("SortCriteria", GObject.TYPE_STRING, sort)],
             [("Result", GObject.TYPE_STRING), ("NumberReturned", GObject.TYPE_UINT),
              ("TotalMatches", GObject.TYPE_UINT), ("UpdateID", GObject.TYPE_UINT)])
    if "Result" in r:
        r["objects"] = parse_didl(r.pop("Result"))
    return r


def run_browse(device, service):
    out = {"friendlyName": device.get_friendly_name(), "udn": device.get_udn(),
           "deviceType": device.get_device_type()}
    out["root"] = browse(service, "0", "BrowseDirectChildren")
    out["rootMetadata"] = browse(service, "0", "BrowseMetadata")
    out["channels"] = browse(service, "channels", "BrowseDirectChildren")
    out["sortedDescending"] = browse(service, "channels", "BrowseDirectChildren", sort="-dc:title")
    out["sortedAscending"] = browse(service, "channels", "BrowseDirectChildren", sort="+dc:title")
    out["page2"] = browse(service, "channels", "BrowseDirectChildren", start=1, count=1, sort="+dc:title")
    out["unknown"] = browse(service, "no-such-object", "BrowseMetadata")
    out["badSort"] = browse(service, "channels", "BrowseDirectChildren", sort="+upnp:genre")
    out["systemUpdateId"] = call(service, "GetSystemUpdateID", [], [("Id", GObject.TYPE_UINT)])
    out["sortCaps"] = call(service, "GetSortCapabilities", [], [("SortCaps", GObject.TYPE_STRING)])
    out["featureList"] = call(service, "X_GetFeatureList", [], [("FeatureList", GObject.TYPE_STRING)])
    out["setBookmark"] = call(service, "X_SetBookmark",
                              [("CategoryType", GObject.TYPE_UINT, 2), ("RID", GObject.TYPE_UINT, 0),
                               ("ObjectID", GObject.TYPE_STRING, "channels"), ("PosSecond", GObject.TYPE_UINT, 5)],
                              [])
    cm = device.get_service("urn:schemas-upnp-org:service:ConnectionManager")
    out["protocolInfo"] = call(cm, "GetProtocolInfo", [],
                               [("Source", GObject.TYPE_STRING), ("Sink", GObject.TYPE_STRING)])
    print(json.dumps(out), flush=True)
    loop.quit()


def run_watch(service, wanted):
    seen = []

    def on_event(_proxy, variable, val, *_):
        seen.append(variable)
        print(json.dumps({"variable": variable, "value": str(val)}), flush=True)
        if len(seen) >= wanted:
            loop.quit()

    service.add_notify("SystemUpdateID", GObject.TYPE_UINT, on_event, None)
    service.add_notify("ContainerUpdateIDs", GObject.TYPE_STRING, on_event, None)
    service.connect("subscription-lost", lambda *_: (print(json.dumps({"lost": True}), flush=True), loop.quit()))
    service.set_subscribed(True)
    print(json.dumps({"subscribed": True}), flush=True)


def on_device(_cp, device):
    if device.get_udn() != UDN or found:
        return
    service = device.get_service(CDS)
    found["device"] = device
    found["service"] = service
    if MODE == "browse":
        run_browse(device, service)
    else:
        run_watch(service, int(sys.argv[4]))


context = GUPnP.Context.new(IFACE, 0)  # deprecated in 1.6, but the one constructor 1.4 has too
cp = GUPnP.ControlPoint.new(context, "urn:schemas-upnp-org:device:MediaServer:1")
cp.connect("device-proxy-available", on_device)
cp.set_active(True)


def give_up():
    print(json.dumps({"timeout": True, "found": bool(found)}), flush=True)
    loop.quit()


GLib.timeout_add_seconds(TIMEOUT_S, give_up)
loop.run()
