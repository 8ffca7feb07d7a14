// Unit tests for shared/xo.ts. Expected bytes are worked out from Juniper libxo's libxo.c
// (xo_emit_top, xo_format_prep, xo_do_open_*/close_*, xo_format_value, xo_escape_json/xml,
// xo_format_is_numeric, xo_fix_encoding, xo_finish, xo_set_options, xo_parse_args).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { xoParseArgs, xoDefault, xoCreate, XoHandle, XO_STYLE_JSON, XO_STYLE_XML, XO_STYLE_TEXT, XOF } from "../src/xo";
import { Exit, type Ctx } from "../src/applet";

function mk(opts?: string) {
  const o = { out: "", err: "" };
  const out = { fd: -1, write(d: string) { o.out += d; }, flush() {} };
  const err = { fd: -1, write(d: string) { o.err += d; }, flush() {} };
  const ctx = { prog: "tool", argv0: "/bin/tool", args: [], env: new Map(), out, err, stdin: 0, status: 0 } as unknown as Ctx;
  let argv: string[] | -1 = ["/bin/tool"];
  if (opts !== undefined) argv = xoParseArgs(ctx, ["/bin/tool", "--libxo", opts]);
  else xoParseArgs(ctx, ["/bin/tool"]);
  return { xo: xoDefault(ctx), o, ctx, argv };
}

/** du's calls (usr.bin/du/du.c) with two entries and a total. */
function du(xo: XoHandle) {
  xo.setVersion("1");
  xo.openContainer("disk-usage-information");
  xo.openList("paths");
  for (const [b, p] of [[8, "d/a"], [16, "d"]] as const) {
    xo.openInstance("paths");
    xo.emit("{:blocks/%jd}\t{:path/%s}\n", b, p);
    xo.closeInstance("paths");
  }
  xo.closeList("paths");
  xo.emit("{:total-blocks/%jd}\ttotal\n", 24);
  xo.closeContainer("disk-usage-information");
  xo.finish();
}

test("xoParseArgs: the forms of --libxo, anywhere in argv", () => {
  const forms: [string[], number][] = [
    [["--libxo", "json"], XO_STYLE_JSON], [["--libxo=json"], XO_STYLE_JSON], [["--libxo:J"], XO_STYLE_JSON],
    [["--libxo", "xml,pretty"], XO_STYLE_XML], [["--libxo:XP"], XO_STYLE_XML], [["--libxo=text"], XO_STYLE_TEXT],
    [["--", "--libxo", "json"], XO_STYLE_JSON],
  ];
  for (const [args, style] of forms) {
    const { ctx } = mk();
    const r = xoParseArgs(ctx, ["/bin/tool", "-s", ...args, "f"]);
    assert.equal(r, args[0] === "--" ? ["/bin/tool", "-s", "--", "f"] : ["/bin/tool", "-s", "f"], args.join(" "));
    assert.is(xoDefault(ctx).style, style, args.join(" "));
  }
  const p = mk("json,pretty,warn,underscores,indent=4");
  assert.ok(p.xo.flags & XOF.PRETTY && p.xo.flags & XOF.WARN && p.xo.flags & XOF.UNDERSCORES);
  assert.is(p.xo.indentBy, 4);
  assert.is(mk(":JPi3").xo.indentBy, 3);
});

test("xoParseArgs: errors use libxo's words and give -1", () => {
  const bad: [string[], string][] = [
    [["--libxo", "yaml"], "tool: unknown libxo option value: 'yaml'\n"],
    [["--libxo=json,"], "tool: unknown libxo option value: ''\n"],
    [["--libxo"], "tool: missing libxo option\n"],
    [["--libxoz"], "tool: unknown libxo option: '--libxoz'\n"],
    [["--libxo:JZ"], "tool: unknown option: 'Z'\n"],
    [["--libxo", "indent"], "tool: missing value for indent option\n"],
  ];
  for (const [args, msg] of bad) {
    const { ctx, o } = mk();
    assert.is(xoParseArgs(ctx, ["/bin/tool", ...args]), -1, args.join(" "));
    assert.is(o.err, msg, args.join(" "));
    assert.is(o.out, "");
  }
  const m = mk("json,xml");
  assert.is(m.o.err, "tool: ignoring multiple styles: 'xml'\n");
  assert.is(m.xo.style, XO_STYLE_JSON);
  const { ctx } = mk();
  assert.throws(() => xoParseArgs(ctx, ["/bin/tool", "--libxo-check"]), (e: unknown) => e instanceof Exit && e.code === 121);
});

test("text style is printf with the field names left out", () => {
  const { xo, o } = mk();
  du(xo);
  assert.is(o.out, "8\td/a\n16\td\n24\ttotal\n");
  const t = mk();
  t.xo.emit("{T:/%-*s}|{T:Capacity}|{T:%iused}|{:n/%7ju/%ju}|{:p/%5.0f}{U:%%}|{e:hidden/%d}{d:shown/%s}|{L:Label}{D:: }{P:  }{N:note}\n", 6, "Name", 42, 49.5, 1, "x");
  t.xo.finish();
  assert.is(t.o.out, "Name  |Capacity|%iused|     42|   50%|x|Label:   note\n");
});

test("JSON: du's output, plain and pretty (numbers unquoted, __version first)", () => {
  const { xo, o } = mk("json");
  du(xo);
  assert.is(o.out, '{"__version": "1", "disk-usage-information": {"paths": [{"blocks":8,"path":"d/a"}, {"blocks":16,"path":"d"}],"total-blocks":24}}\n');
  const p = mk("json,pretty");
  du(p.xo);
  assert.is(p.o.out, [
    "{", '  "__version": "1", ', '  "disk-usage-information": {', '    "paths": [', "      {",
    '        "blocks": 8,', '        "path": "d/a"', "      },", "      {", '        "blocks": 16,',
    '        "path": "d"', "      }", "    ],", '    "total-blocks": 24', "  }", "}", "",
  ].join("\n"));
  assert.equal(JSON.parse(p.o.out), JSON.parse(o.out));
});

test("XML: du's output, plain and pretty; version as the first tag's attribute", () => {
  const { xo, o } = mk("xml");
  du(xo);
  assert.is(o.out, '<disk-usage-information version="1"><paths><blocks>8</blocks><path>d/a</path></paths>' +
    "<paths><blocks>16</blocks><path>d</path></paths><total-blocks>24</total-blocks></disk-usage-information>");
  const p = mk("xml,pretty");
  du(p.xo);
  assert.is(p.o.out, ['<disk-usage-information version="1">', "  <paths>", "    <blocks>8</blocks>", "    <path>d/a</path>",
    "  </paths>", "  <paths>", "    <blocks>16</blocks>", "    <path>d</path>", "  </paths>",
    "  <total-blocks>24</total-blocks>", "</disk-usage-information>", ""].join("\n"));
});

test("HTML: a line div per output line, data and text divs", () => {
  const { xo, o } = mk("html");
  xo.openContainer("top");
  xo.emit("{T:Size} {:blocks/%jd}\t{:path/%s}\n", 8, "a<b");
  xo.finish();
  assert.is(o.out, '<div class="line"><div class="title">Size</div><div class="text"> </div><div class="data" data-tag="blocks">8</div>' +
    '<div class="text">\t</div><div class="data" data-tag="path">a&lt;b</div></div>');
  const p = mk("html,pretty");
  p.xo.emit("{:n/%d}\n", 1);
  p.xo.finish();
  assert.is(p.o.out, '<div class="line">\n  <div class="data" data-tag="n">1</div>\n</div>\n');
});

test("quoting: xo_format_is_numeric, encoding formats, q and n, empty formats", () => {
  const { xo, o } = mk("json");
  xo.openContainer("c");
  xo.emit("{:a/%jd}{:b/%s}{:c/%5.0f}{:d/%'d}{q:e/%d}{n:f/%s}{:g/}{:h/%7ju/%ju}{t:i/%*jd}{:j/%*jd}{:k/%x}{:l/%3d%%}",
    1, "2", 3.4, 4, 5, "6", 7, 5, 8, 4, 9, 255, 10);
  xo.finish();
  assert.is(o.out, '{"c": {"a":1,"b":"2","c":3,"d":"4","e":"5","f":6,"g":true,"h":7,"i":8,"j":   9,"k":"ff","l":"10"}}\n');
});

test("JSON escapes: \\ \" and control characters; XML entities", () => {
  const { xo, o } = mk("json");
  xo.openContainer("c");
  xo.emit('{:s/%s}{:w/%-4s}', 'a"b\\c\nd\te\x01f/', "x\ty");
  xo.finish();
  assert.is(o.out, '{"c": {"s":"a\\"b\\\\c\\nd\\te\\u0001f/","w":"x\ty  "}}\n');
  const x = mk("xml");
  x.xo.openContainer("c");
  x.xo.attr("q", "%s", 'a"<&');
  x.xo.emit('{:s/%s}', '<a href="x">&amp;\x02');
  x.xo.finish();
  assert.is(x.o.out, '<c><s q="a"&lt;&amp;">&lt;a href="x"&gt;&amp;amp; </s></c>');
});

test("attributes, keys, units, underscores, trim, display- and encode-only fields", () => {
  const x = mk("xml,keys,units");
  x.xo.openContainer("fs");
  x.xo.emit("{k:name/%-6s}", "sda");
  x.xo.attr("value", "%lld", 1234); // for the next element
  x.xo.emit("{:size/%6s}{U:K} {:pct/%d}{U:%%}{d:shown/%s}{e:hidden/%s}\n", "1.2K", 5, "d", "e");
  x.xo.finish();
  assert.is(x.o.out, '<fs><name key="key">sda   </name><size value="1234" units="K">1.2K</size><pct units="%%">5</pct><hidden>e</hidden></fs>');
  const j = mk("json,underscores");
  j.xo.openContainer("top-level");
  j.xo.emit("{tk:dev-name/%-6s}{:used-percent/%d}{d:shown/%s}{e:hidden/%s}", "sda", 5, "d", "e");
  j.xo.finish();
  assert.is(j.o.out, '{"top_level": {"dev_name":"sda","used_percent":5,"hidden":"e"}}\n');
});

test("nesting: lists close before a sibling container, instances make their list, leaf lists", () => {
  const { xo, o } = mk("json");
  xo.openContainer("top");
  xo.openInstance("item"); // opens the list "item" too
  xo.emit("{:n/%d}", 1);
  xo.closeInstance("item");
  xo.openInstance("item");
  xo.emit("{:n/%d}", 2);
  xo.openContainer("sub"); // inside the instance
  xo.emit("{l:tag/%s}{l:tag/%s}", "a", "b");
  xo.finish(); // closes everything still open
  assert.is(o.out, '{"top": {"item": [{"n":1}, {"n":2, "sub": {"tag": ["a","b"]}}]}}\n');
});

test("finish with nothing made is { }; a field before any container gets a \"data\" one", () => {
  const a = mk("json");
  a.xo.finish();
  assert.is(a.o.out, "{ }\n");
  const b = mk("json");
  b.xo.emit("{:x/%d}\n", 1);
  b.xo.finish();
  assert.is(b.o.out, '{"data": {"x":1}}\n');
  const c = mk("text");
  c.xo.emit("{:x/%d}\n", 1);
  c.xo.finish();
  assert.is(c.o.out, "1\n");
});

test("widths count columns; %*s takes the width from the arguments; anchors", () => {
  const { xo, o } = mk();
  xo.emit("[{:a/%-5s}][{:b/%*s}][{:c/%-*s}][{:d/%.2s}][{:e/%5.2s}]\n", "日本", 4, "é", -3, "x", "abc", "abcdef");
  xo.emit("[{[:8}{:x/%d}/{:y/%d}{]:}][{[:-8}{:x/%d}{]:}]\n", 1, 22, 3);
  xo.finish();
  assert.is(o.out, "[日本 ][   é][x  ][ab][   ab]\n[    1/22][3       ]\n");
});

test("bytes that are not UTF-8: kept in text and in JSON %s, dropped where columns count", () => {
  const bad = "a\udcff\udc80b"; // the codec's escapes of the bytes ff 80
  const { xo, o } = mk();
  xo.emit("{:p/%s} {:q/%-4s}|\n", bad, bad);
  xo.finish();
  assert.is(o.out, "a\udcff\udc80b a\udcff\udc80b|\n");
  const j = mk("json");
  j.xo.openContainer("c");
  j.xo.emit("{:p/%s}{:q/%-4s}", bad, bad);
  j.xo.finish();
  assert.is(j.o.out, '{"c": {"p":"a\udcff\udc80b","q":""}}\n');
});

test("warnings: prog: msg[: strerror] on standard error in every style; warn-xml", () => {
  const { xo, o } = mk("json");
  xo.warnx("bad thing");
  xo.warn("f: open", 2);
  assert.is(o.err, "tool: bad thing\ntool: f: open: No such file or directory\n");
  assert.is(o.out, "");
  const w = mk("xml,warn-xml");
  w.xo.warnx("a<b");
  assert.is(w.o.out, "<error><message>tool: a&lt;b</message></error>\n");
  const f = mk("json,warn");
  f.xo.closeContainer("nothing");
  assert.ok(f.o.err.startsWith("tool: "), f.o.err);
  const q = mk("json");
  q.xo.closeContainer("nothing"); // without "warn" libxo's complaints are silent
  assert.is(q.o.err, "");
});

test("errx finishes the output first; xo_error is not flushed in XML/JSON", () => {
  const { xo, o } = mk("json");
  xo.openContainer("c");
  xo.emit("{:n/%d}", 1);
  assert.throws(() => xo.errx(2, "stop"), (e: unknown) => e instanceof Exit && e.code === 2);
  assert.is(o.out, '{"c": {"n":1}}\n');
  assert.is(o.err, "tool: stop\n");
  const t = mk();
  t.xo.error("usage: %s\n", "tool [-x]");
  assert.is(t.o.err, "usage: tool [-x]\n");
  const j = mk("json");
  j.xo.error("usage: %s\n", "tool");
  assert.is(j.o.out, "");
  assert.is(j.o.err, "");
  j.xo.finish();
  assert.is(j.o.out, '{"error": {"message":"usage: tool\\n"}}\n');
});

test("xoCreate: a separate handle with its own style", () => {
  const { ctx, o } = mk("json");
  const h = xoCreate(ctx, XO_STYLE_TEXT);
  h.emit(" {:lines/%7ju/%ju}\n", 3);
  h.flush();
  assert.is(o.out, "       3\n");
});

test.run();
