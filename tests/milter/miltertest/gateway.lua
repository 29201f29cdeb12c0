-- mailkeeper-milter at the protocol level, through miltertest: several messages and an abort on
-- one connection, a bounce tagged at end-of-message, the guard refusing at RCPT, inbound mail
-- never guarded. Parameters (-D): milter, config, sock, dsn (a Postfix DSN file).
-- Every step asserts; miltertest swallows Lua errors, so each failure prints why first.

local function fail(what)
  mt.echo("FAIL: " .. what)
  error(what)
end

local function expect(cond, what)
  if not cond then fail(what) end
  mt.echo("ok: " .. what)
end

local function ok(result, what)
  if result ~= nil then fail(what .. ": " .. tostring(result)) end
end

-- a message file -> list of {name, value} headers (unfolded) and the body
local function read_message(path)
  local f = io.open(path, "rb")
  if f == nil then fail("cannot read " .. path) end
  local text = f:read("*a"):gsub("\r\n", "\n")
  f:close()
  local head, body = text:match("^(.-)\n\n(.*)$")
  local headers = {}
  for line in (head .. "\n"):gmatch("(.-)\n") do
    if line:match("^[ \t]") and #headers > 0 then
      headers[#headers][2] = headers[#headers][2] .. "\n" .. line
    else
      local name, value = line:match("^([^:]+):%s*(.*)$")
      if name then headers[#headers + 1] = {name, value} end
    end
  end
  return headers, body
end

mt.set_timeout(30)
mt.startfilter(milter, "-f", "-c", config)
local conn = mt.connect("unix:" .. sock, 50, 0.2)
if conn == nil then fail("cannot connect to " .. sock) end

-- a rep on the office LAN (no HELO: mailkeeper asks the MTA to skip that stage at negotiation)
ok(mt.conninfo(conn, "pc15.office.our-trade.test", "10.20.0.15"), "conninfo")

-- message 1: outbound to a buyer, recorded
ok(mt.mailfrom(conn, "<alice@our-trade.test>"), "mail 1")
ok(mt.rcptto(conn, "<ghost@dead-buyer.test>"), "rcpt 1")
expect(mt.getreply(conn) == SMFIR_CONTINUE, "an unknown recipient is accepted")
ok(mt.header(conn, "From", "Alice <alice@our-trade.test>"), "header")
ok(mt.header(conn, "Subject", "Quotation"), "header")
ok(mt.header(conn, "Message-ID", "<quote-041@our-trade.test>"), "header")
ok(mt.eoh(conn), "eoh")
ok(mt.bodystring(conn, "Please find our offer.\r\n"), "body")
ok(mt.eom(conn), "eom 1")
expect(mt.getreply(conn) == SMFIR_CONTINUE or mt.getreply(conn) == SMFIR_ACCEPT, "outbound mail goes on")
expect(not mt.eom_check(conn, MT_HDRADD, "X-Mailkeeper-Bounce"), "no bounce header on ordinary mail")

-- an aborted message leaves nothing behind
ok(mt.mailfrom(conn, "<alice@our-trade.test>"), "mail 2")
ok(mt.rcptto(conn, "<someone@else.test>"), "rcpt 2")
ok(mt.abort(conn), "abort")

-- message 3: Postfix's DSN for that message, on the same connection
local headers, body = read_message(dsn)
ok(mt.mailfrom(conn, "<>"), "mail 3")
ok(mt.rcptto(conn, "<alice@our-trade.test>"), "rcpt 3")
for _, h in ipairs(headers) do ok(mt.header(conn, h[1], h[2]), "dsn header " .. h[1]) end
ok(mt.eoh(conn), "eoh 3")
ok(mt.bodystring(conn, body), "dsn body")
ok(mt.eom(conn), "eom 3")
expect(mt.eom_check(conn, MT_HDRADD, "X-Mailkeeper-Bounce", "userunknown; rcpt=ghost@dead-buyer.test; status=5.1.1"),
       "the DSN is tagged X-Mailkeeper-Bounce")
mt.disconnect(conn)

-- the store commits in the background; give it a moment
mt.sleep(1)

-- the rep writes to the dead address again: refused at RCPT, other recipients go
conn = mt.connect("unix:" .. sock, 10, 0.2)
ok(mt.conninfo(conn, "pc15.office.our-trade.test", "10.20.0.15"), "conninfo")
ok(mt.mailfrom(conn, "<alice@our-trade.test>"), "mail 4")
ok(mt.rcptto(conn, "<Ghost@Dead-Buyer.test>"), "rcpt 4")
expect(mt.getreply(conn) == SMFIR_REPLYCODE, "the guard refuses the dead address at RCPT")
ok(mt.rcptto(conn, "<tom@live-buyer.test>"), "rcpt 4b")
expect(mt.getreply(conn) == SMFIR_CONTINUE, "a live recipient of the same message is accepted")
mt.disconnect(conn)

-- inbound mail naming the dead address as recipient is not the guard's business
conn = mt.connect("unix:" .. sock, 10, 0.2)
ok(mt.conninfo(conn, "mx.outside.test", "198.51.100.7"), "conninfo")
ok(mt.mailfrom(conn, "<lily@dead-buyer.test>"), "mail 5")
ok(mt.rcptto(conn, "<ghost@dead-buyer.test>"), "rcpt 5")
expect(mt.getreply(conn) == SMFIR_CONTINUE, "inbound mail is never guarded")
mt.disconnect(conn)
mt.echo("PASS")
