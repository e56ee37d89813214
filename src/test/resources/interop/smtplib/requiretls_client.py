"""Sealpost interop: Python's smtplib (Debian /usr/bin/python3) as a REQUIRETLS client, RFC 8689.

usage: requiretls_client.py SCENARIO HOST PORT SERVERNAME CAFILE TOKEN

SCENARIO is one of
  requiretls            STARTTLS, then sendmail(..., mail_options=['REQUIRETLS'])
  requiretls-before-tls MAIL FROM ... REQUIRETLS on the plaintext session
  tls-required-no       STARTTLS, then a message with a "TLS-Required: No" header field
  verify-only           STARTTLS and EHLO, nothing sent (used with a wrong SERVERNAME)

Prints key=value lines for the Java test (SmtplibInteropIT) to assert on; exits 0 whenever the
scenario ran, whatever the server answered.
"""
import smtplib
import ssl
import sys

SENDER = 'alice@client.interop.test'
RECIPIENT = 'bob@interop.test'


def message(token, tls_required_no):
    lines = [
        'From: <' + SENDER + '>',
        'To: <' + RECIPIENT + '>',
        'Subject: smtplib ' + token,
        'Message-ID: <' + token + '@client.interop.test>',
    ]
    if tls_required_no:
        lines.append('TLS-Required: No')  # RFC 8689 section 5
    lines += ['', 'interop body ' + token, '']
    return '\r\n'.join(lines)


def main():
    scenario, host, port, servername, cafile, token = sys.argv[1:7]
    s = smtplib.SMTP(timeout=20)
    s.connect(host, int(port))
    # smtplib checks the certificate against the host given to connect(), here an IP address;
    # the certificate names the server, so tell starttls() that name (interop-notes pitfall 12).
    s._host = servername
    s.ehlo('client.interop.test')
    print('requiretls_before_tls=%s' % s.has_extn('requiretls'))

    if scenario == 'requiretls-before-tls':
        code, text = s.mail(SENDER, ['REQUIRETLS'])
        print('mail_reply=%d %s' % (code, text.decode('ascii', 'replace')))
        s.quit()
        return

    context = ssl.create_default_context(cafile=cafile)
    try:
        s.starttls(context=context)
    except ssl.SSLCertVerificationError as e:
        print('starttls=verify-failed %s' % e.verify_message)
        s.close()
        return
    print('starttls=ok %s' % s.sock.version())
    s.ehlo('client.interop.test')
    print('requiretls_after_tls=%s' % s.has_extn('requiretls'))

    if scenario == 'requiretls':
        refused = s.sendmail(SENDER, [RECIPIENT], message(token, False),
                             mail_options=['REQUIRETLS'])
        print('refused=%s' % refused)
    elif scenario == 'tls-required-no':
        refused = s.sendmail(SENDER, [RECIPIENT], message(token, True))
        print('refused=%s' % refused)
    elif scenario != 'verify-only':
        raise SystemExit('unknown scenario ' + scenario)
    s.quit()


if __name__ == '__main__':
    main()
