"""WhatsApp formatting in the preview, HTML escaped first."""

from __future__ import annotations

import pytest

from app.ui.widgets.message_preview import whatsapp_html

MONO = '<span style="font-family: monospace">'


def body(text):
    html = whatsapp_html(text)
    prefix, suffix = '<div style="white-space: pre-wrap">', "</div>"
    assert html.startswith(prefix) and html.endswith(suffix)
    return html[len(prefix) : -len(suffix)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("*negrito*", "<b>negrito</b>"),
        ("_itálico_", "<i>itálico</i>"),
        ("~tachado~", "<s>tachado</s>"),
        ("```mono *não* negrito```", MONO + "mono *não* negrito</span>"),
        ("um *dois três* quatro", "um <b>dois três</b> quatro"),
        ("*a*", "<b>a</b>"),
        ("*_ambos_*", "<b><i>ambos</i></b>"),
        ("2*3*4", "2*3*4"),  # glued to digits: not formatting
        ("snake_case_name", "snake_case_name"),
        ("* solto *", "* solto *"),  # a space right inside the markers
        ("*duas\nlinhas*", "*duas\nlinhas*"),  # markers do not cross lines
        ("```linha 1\nlinha 2```", MONO + "linha 1\nlinha 2</span>"),
    ],
)
def test_formatting(text, expected):
    assert body(text) == expected


def test_html_is_escaped_before_formatting():
    assert body('<script>alert("x")</script> & *<b>*') == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <b>&lt;b&gt;</b>"
    )
    assert body("```<i>```") == MONO + "&lt;i&gt;</span>"
