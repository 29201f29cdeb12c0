#!/usr/bin/env python3
"""Writes the DLP test messages of this folder (our own, made up). Attachments come from
../attachments (see its make_fixtures.py). Run again after changing either: the output is the
same bytes each time.

usage: python3 make_messages.py
"""
import os
from email.message import EmailMessage
from email.policy import SMTP

HERE = os.path.dirname(os.path.abspath(__file__))
ATTACH = os.path.join(HERE, "..", "attachments")


def message(subject, body, to="Buyer <buyer@customer.example>", sender="Li Wei <rep@corp.example>"):
    m = EmailMessage(policy=SMTP)
    m["From"] = sender
    m["To"] = to
    m["Subject"] = subject
    m["Date"] = "Mon, 23 Nov 2026 09:00:00 +0800"
    m["Message-ID"] = f"<{subject.encode('utf-8').hex()[:16]}.dlp@corp.example>"
    m.set_content(body)
    return m


def attach(m, name, subtype):
    with open(os.path.join(ATTACH, name), "rb") as f:
        m.add_attachment(f.read(), maintype="application", subtype=subtype, filename=name)


def write(name, m):
    if m.is_multipart():
        m.set_boundary("mailkeeper-test-boundary")
    data = m.as_bytes()
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)
    print(f"{name}: {len(data)} bytes")


def main():
    write("spaced-total.eml", message("Order 2026-118", "Dear Tom,\n\n合 同 總 價 USD 1,250,000, payable in two parts.\n\nLi Wei\n"))
    m = message("Contract draft", "Please find the contract attached.\n")
    attach(m, "contract.docx", "vnd.openxmlformats-officedocument.wordprocessingml.document")
    write("contract-docx.eml", m)
    m = message("Statement", "The statement is attached.\n")
    attach(m, "statement.pdf", "pdf")
    write("statement-pdf.eml", m)
    m = message("Files", "Password sent separately.\n")
    attach(m, "encrypted.zip", "zip")
    write("encrypted-zip.eml", m)
    write("partner-total.eml", message("Order", "合同总价 USD 10", to="Ann <ann@partner.example>"))
    write("ids.eml", message("名单", "请核对: 11010519491231002X, 440524188001010014, 110101199003077352.\n"))
    write("plain.eml", message("Hello", "Nice to meet you at the fair.\n"))
    write("quotation.eml", message("Quotation for 2027", "Dear Tom, our new price list is below.\n"))


if __name__ == "__main__":
    main()
