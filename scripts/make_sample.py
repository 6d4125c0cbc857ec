"""Generate the bundled sample survey: nps_toolkit/data/sample_survey.csv.gz.

Run from the repository root: ``python scripts/make_sample.py``. The output is committed, so
every notebook and example sees the same rows whatever numpy version is installed; this script
is the record of how it was made and is re-run only to change the sample on purpose. The
planted stories are described in docs/sample-data.md and checked by tests/test_datasets.py.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20261125
N_CUSTOMERS = 2500
START, END = pd.Timestamp("2025-01-01"), pd.Timestamp("2026-06-30 23:59")
DELIVERY_Q = (pd.Timestamp("2025-10-01"), pd.Timestamp("2026-01-01"))
DELIVERY_REGION = "Western Europe"
BAD_AGENT = "Jordan"
OUT = Path(__file__).resolve().parents[1] / "nps_toolkit" / "data" / "sample_survey.csv.gz"

PERSONAS = {  # name: (share, base score mean)
    "Loyal regular": (0.25, 9.7),
    "Bargain hunter": (0.25, 8.1),
    "Gift buyer": (0.20, 8.9),
    "First-time buyer": (0.18, 8.5),
    "Business buyer": (0.12, 8.4),
}
REGIONS = {  # name: (share, {language: share})
    "North America": (0.30, {"en": 0.88, "es": 0.12}),
    "UK & Ireland": (0.12, {"en": 1.0}),
    "Western Europe": (0.22, {"fr": 0.38, "de": 0.34, "es": 0.12, "en": 0.16}),
    "Eastern Europe": (0.10, {"ru": 0.8, "en": 0.2}),
    "Latin America": (0.10, {"es": 0.85, "en": 0.15}),
    "Asia-Pacific": (0.16, {"ko": 0.35, "zh": 0.4, "en": 0.25}),
}
CHANNELS = {"email": 0.42, "web": 0.2, "in-app": 0.18, "Facebook": 0.08, "Instagram": 0.07,
            "X": 0.05}
AGENTS = ["Amira", "Ben", "Chloé", "Diego", BAD_AGENT, "Mei", "Oskar", "Priya"]

# Phrase bank: language -> theme -> (positive phrases, negative phrases). {n} is a number.
P = {
    "en": {
        "delivery": (["Delivery was super fast, arrived in {n} days.",
                      "The parcel came a day early and well packed.",
                      "Shipping was quick and the tracking was accurate.",
                      "fast delivery as always"],
                     ["My order arrived {n} days late and nobody told me why.",
                      "The parcel was lost by the courier and I had to chase it for weeks.",
                      "Delivery took forever, tracking said delivered but nothing came.",
                      "Package arrived damaged, the box was crushed.",
                      "Still waiting for my delivery after {n} days!!"]),
        "price": (["Great prices compared to other shops.",
                   "Good value for money, the discounts are real.",
                   "Prices are fair and shipping is free over a small amount."],
                  ["Too expensive now, prices went up a lot.",
                   "Shipping costs are ridiculous for such a small order.",
                   "I found the same item {n}% cheaper elsewhere."]),
        "quality": (["The products are excellent quality and look exactly like the photos.",
                     "Really well made, my jacket still looks new.",
                     "Quality is consistently good."],
                    ["The quality has gone down, the seams came apart after a week.",
                     "Item looked nothing like the pictures, cheap material.",
                     "Broke after two uses. Poor quality."]),
        "service": (["Customer service was friendly and solved my problem in minutes.",
                     "The support agent was patient and really helpful.",
                     "Great support team, they called me back the same day."],
                    ["Customer service never answered my emails.",
                     "I was on hold for {n} minutes and then the call dropped.",
                     "The support agent was rude and didn't fix anything.",
                     "Had to explain my problem three times to three different people."]),
        "website": (["The app is easy to use and checkout takes seconds.",
                     "Website is clean and search works well."],
                    ["The app keeps crashing at checkout.",
                     "Website is slow and the filters don't work.",
                     "Couldn't log in to my account for days."]),
        "returns": (["Returns are painless, refund arrived in {n} days.",
                     "Easy return process with a free label."],
                    ["Still waiting for my refund after {n} weeks.",
                     "The return process is a nightmare, so many forms."]),
        "stock": (["Always have what I need in stock.",
                   "Great selection, lots of sizes."],
                  ["Everything I want is always out of stock.",
                   "They cancelled my order because the item was not in stock after all."]),
        "loyalty": (["Love the loyalty points, I get a voucher every few months.",
                     "The members' programme gives real perks."],
                    ["The loyalty programme is confusing and the points expire too fast.",
                     "Loyalty points never got added to my account."]),
    },
    "fr": {
        "delivery": (["Livraison rapide, colis reçu en {n} jours.",
                      "Colis bien emballé et arrivé en avance."],
                     ["Ma commande est arrivée avec {n} jours de retard, aucune explication.",
                      "Colis perdu par le transporteur, j'attends toujours.",
                      "Livraison beaucoup trop longue et suivi inutile.",
                      "Le colis est arrivé abîmé."]),
        "price": (["Les prix sont très corrects.", "Bon rapport qualité-prix."],
                  ["Trop cher, les prix ont beaucoup augmenté.",
                   "Les frais de port sont excessifs."]),
        "quality": (["Produits de très bonne qualité, conformes aux photos.",
                     "La qualité est toujours au rendez-vous."],
                    ["Qualité décevante, l'article s'est abîmé en une semaine.",
                     "Produit de mauvaise qualité, rien à voir avec la photo."]),
        "service": (["Le service client a été très aimable et efficace.",
                     "Conseillère très patiente, problème réglé rapidement."],
                    ["Le service client ne répond jamais aux mails.",
                     "Attente de {n} minutes au téléphone pour rien.",
                     "Conseiller désagréable et aucune solution."]),
        "website": (["Le site est simple et le paiement rapide."],
                    ["L'application plante au moment de payer.",
                     "Site lent et difficile à utiliser."]),
        "returns": (["Retour facile et remboursement rapide."],
                    ["Toujours pas remboursé après {n} semaines."]),
        "stock": (["Grand choix et tout est disponible."],
                  ["Article en rupture de stock, commande annulée."]),
        "loyalty": (["La carte de fidélité est vraiment avantageuse."],
                    ["Le programme de fidélité est compliqué, les points expirent trop vite."]),
    },
    "es": {
        "delivery": (["El envío fue rapidísimo, llegó en {n} días.",
                      "El paquete llegó antes de lo previsto y bien embalado."],
                     ["Mi pedido llegó con {n} días de retraso.",
                      "El paquete se perdió y nadie me da una solución.",
                      "La entrega tardó muchísimo y el seguimiento no funciona."]),
        "price": (["Muy buenos precios.", "Buena relación calidad-precio."],
                  ["Demasiado caro, han subido los precios.",
                   "Los gastos de envío son excesivos."]),
        "quality": (["Los productos son de excelente calidad.",
                     "Todo tal cual las fotos, muy buena calidad."],
                    ["La calidad es muy mala, se rompió enseguida.",
                     "El producto no se parece a la foto."]),
        "service": (["La atención al cliente fue muy amable.",
                     "Me resolvieron el problema en pocos minutos."],
                    ["Atención al cliente pésima, nunca contestan.",
                     "Estuve {n} minutos esperando al teléfono."]),
        "website": (["La aplicación es muy fácil de usar."],
                    ["La web va lentísima y la app se cierra sola."]),
        "returns": (["Devolución fácil y reembolso rápido."],
                    ["Sigo esperando el reembolso desde hace {n} semanas."]),
        "stock": (["Siempre tienen stock de todo."],
                  ["Todo agotado, me cancelaron el pedido."]),
        "loyalty": (["Me encantan los puntos del programa de fidelidad."],
                    ["Los puntos de fidelidad nunca se suman a mi cuenta."]),
    },
    "de": {
        "delivery": (["Lieferung war super schnell, nach {n} Tagen da.",
                      "Paket kam einen Tag früher und gut verpackt."],
                     ["Meine Bestellung kam {n} Tage zu spät.",
                      "Das Paket ist verloren gegangen, niemand hilft.",
                      "Die Lieferung hat ewig gedauert, Sendungsverfolgung nutzlos."]),
        "price": (["Faire Preise.", "Preis-Leistung stimmt."],
                  ["Viel zu teuer geworden.", "Die Versandkosten sind zu hoch."]),
        "quality": (["Sehr gute Qualität, genau wie auf den Fotos.",
                     "Die Verarbeitung ist top."],
                    ["Schlechte Qualität, nach einer Woche kaputt.",
                     "Sieht ganz anders aus als auf dem Bild."]),
        "service": (["Der Kundenservice war freundlich und schnell.",
                     "Sehr hilfsbereiter Support."],
                    ["Der Kundenservice antwortet nie.",
                     "{n} Minuten in der Warteschleife und dann aufgelegt."]),
        "website": (["Die App ist übersichtlich und einfach."],
                    ["Die App stürzt beim Bezahlen ständig ab."]),
        "returns": (["Rücksendung problemlos, Geld schnell zurück."],
                    ["Warte seit {n} Wochen auf meine Erstattung."]),
        "stock": (["Große Auswahl, alles lieferbar."],
                  ["Ständig ausverkauft, Bestellung storniert."]),
        "loyalty": (["Das Treueprogramm lohnt sich wirklich."],
                    ["Das Bonusprogramm ist kompliziert, Punkte verfallen zu schnell."]),
    },
    "ru": {
        "delivery": (["Доставка очень быстрая, всё пришло за {n} дня.",
                      "Посылка пришла раньше срока, хорошо упакована."],
                     ["Заказ пришёл с опозданием на {n} дней.",
                      "Посылку потеряли, никто не может помочь.",
                      "Доставка заняла целую вечность."]),
        "price": (["Отличные цены.", "Хорошее соотношение цены и качества."],
                  ["Слишком дорого, цены сильно выросли.", "Доставка стоит слишком дорого."]),
        "quality": (["Качество товаров отличное, всё как на фото."],
                    ["Качество ужасное, сломалось через неделю.",
                     "Товар совсем не похож на фото."]),
        "service": (["Служба поддержки ответила быстро и вежливо."],
                    ["Служба поддержки не отвечает на письма.",
                     "Ждал ответа оператора {n} минут."]),
        "website": (["Приложение удобное, оплата за секунды."],
                    ["Приложение вылетает при оплате."]),
        "returns": (["Возврат простой, деньги вернули быстро."],
                    ["Уже {n} недели жду возврата денег."]),
        "stock": (["Всегда всё есть в наличии."], ["Товара нет в наличии, заказ отменили."]),
        "loyalty": (["Программа лояльности очень выгодная."],
                    ["Баллы лояльности так и не начислили."]),
    },
    "ko": {
        "delivery": (["배송이 정말 빨라요. {n}일 만에 도착했어요.",
                      "포장도 꼼꼼하고 예정보다 일찍 왔어요."],
                     ["주문한 상품이 {n}일이나 늦게 도착했어요.",
                      "택배가 분실됐는데 아무도 도와주지 않아요.",
                      "배송이 너무 오래 걸려요."]),
        "price": (["가격이 합리적이에요.", "가성비가 좋아요."],
                  ["가격이 너무 많이 올랐어요.", "배송비가 너무 비싸요."]),
        "quality": (["품질이 아주 좋고 사진이랑 똑같아요."],
                    ["품질이 별로예요. 일주일 만에 망가졌어요.", "사진과 너무 달라요."]),
        "service": (["고객센터 상담원이 친절하게 바로 해결해 줬어요."],
                    ["고객센터가 전혀 답장을 안 해요.", "상담원 연결까지 {n}분 기다렸어요."]),
        "website": (["앱이 편리하고 결제가 빨라요."], ["결제할 때 앱이 자꾸 꺼져요."]),
        "returns": (["반품이 쉽고 환불도 빨랐어요."], ["환불을 {n}주째 기다리고 있어요."]),
        "stock": (["원하는 상품이 항상 재고가 있어요."], ["항상 품절이라 주문이 취소됐어요."]),
        "loyalty": (["적립금 혜택이 좋아요."], ["포인트가 적립되지 않았어요."]),
    },
    "zh": {
        "delivery": (["发货很快，{n}天就到了。", "包装很好，比预计的早到。"],
                     ["订单晚了{n}天才到，也没人解释。", "快递丢了，客服一直没有处理。",
                      "物流太慢了，等了很久。"]),
        "price": (["价格很实惠。", "性价比很高。"], ["价格涨了太多，太贵了。", "运费太贵了。"]),
        "quality": (["质量很好，和图片一模一样。"],
                    ["质量很差，用了一周就坏了。", "实物和图片差别很大。"]),
        "service": (["客服态度很好，很快就解决了问题。"],
                    ["客服从来不回复邮件。", "打客服电话等了{n}分钟。"]),
        "website": (["网站很好用，付款很方便。"], ["付款的时候应用一直闪退。"]),
        "returns": (["退货很方便，退款也很快。"], ["退款等了{n}周还没到账。"]),
        "stock": (["东西很全，总是有货。"], ["总是缺货，订单被取消了。"]),
        "loyalty": (["会员积分很划算。"], ["积分一直没有到账。"]),
    },
}
CONNECTOR = {"en": ["but", "however", "although"], "fr": ["mais", "par contre"],
             "es": ["pero", "aunque"], "de": ["aber", "allerdings"], "ru": ["но", "однако"],
             "ko": ["하지만", "그런데"], "zh": ["但是", "不过"]}
CLOSER_POS = {"en": ["Will order again!", "Keep it up.", "Highly recommend.", "Thanks!", ""],
              "fr": ["Je recommande !", "Merci !", ""], "es": ["¡Lo recomiendo!", "¡Gracias!", ""],
              "de": ["Gerne wieder!", "Danke!", ""], "ru": ["Рекомендую!", "Спасибо!", ""],
              "ko": ["추천해요!", "감사합니다!", ""], "zh": ["推荐！", "谢谢！", ""]}
CLOSER_NEG = {"en": ["Very disappointed.", "Not ordering again.", "Fix this please.", ""],
              "fr": ["Très déçu.", "Je ne commanderai plus.", ""],
              "es": ["Muy decepcionado.", "No vuelvo a comprar.", ""],
              "de": ["Sehr enttäuscht.", "Nie wieder.", ""],
              "ru": ["Очень разочарован.", "Больше не закажу.", ""],
              "ko": ["너무 실망했어요.", "다시는 안 살 거예요.", ""],
              "zh": ["非常失望。", "不会再买了。", ""]}
NON_ANSWERS = ["n/a", "-", "nothing", "none", ".", "no comment", "👍", "ras", "nada", "  "]
THEMES = list(P["en"])


def pick(rng, items, p=None):
    return items[rng.choice(len(items), p=p)]


def sentence(rng, lang, theme, positive):
    text = pick(rng, P[lang][theme][0 if positive else 1])
    return text.replace("{n}", str(int(rng.integers(2, 15))))


def make_comment(rng, lang, category, forced=None, high_value=False):
    if rng.random() < 0.02:
        return pick(rng, NON_ANSWERS)
    weights = np.array([3, 2, 3, 2, 1, 1, 1, 1], dtype=float)
    if high_value:
        weights[THEMES.index("price")] += 2
        weights[THEMES.index("loyalty")] += 3
    weights /= weights.sum()
    theme = forced or THEMES[rng.choice(len(THEMES), p=weights)]
    other = THEMES[rng.choice(len(THEMES), p=weights)]
    if category == "promoter":
        parts = [sentence(rng, lang, theme, True)]
        if rng.random() < 0.35 and other != theme:
            parts.append(sentence(rng, lang, other, True))
        parts.append(pick(rng, CLOSER_POS[lang]))
    elif category == "detractor":
        parts = [sentence(rng, lang, theme, False)]
        if rng.random() < 0.35 and other != theme:
            parts.append(sentence(rng, lang, other, False))
        parts.append(pick(rng, CLOSER_NEG[lang]))
    else:
        good, bad = (other, theme) if forced else (theme, other)
        if good == bad:
            parts = [sentence(rng, lang, bad, rng.random() < 0.5)]
        else:
            conn = pick(rng, CONNECTOR[lang])
            neg = sentence(rng, lang, bad, False)
            if lang in ("en", "fr", "es", "de", "ru") and not neg.startswith(("I ", "My")):
                neg = neg[0].lower() + neg[1:]
            parts = [sentence(rng, lang, good, True), f"{conn.capitalize()} {neg}"
                     if lang in ("ko", "zh") else f"{conn.capitalize()}, {neg}"
                     if rng.random() < 0.5 else f"{conn.capitalize()} {neg}"]
    text = ("" if lang == "zh" else " ").join(p for p in parts if p)
    r = rng.random()
    if r < 0.12 and lang in ("en", "fr", "es", "de", "ru"):
        text = text.lower()
    elif r < 0.16:
        text += " 😊" if category == "promoter" else " 😡" if category == "detractor" else ""
    if rng.random() < 0.01:
        text += (f" You can reach me at jane.doe{int(rng.integers(1, 99))}@example.com"
                 if rng.random() < 0.5 else f" Call me on 555-01{int(rng.integers(0, 99)):02d}")
    return text


def main() -> None:
    rng = np.random.default_rng(SEED)
    persona_names = list(PERSONAS)
    persona = rng.choice(persona_names, size=N_CUSTOMERS, p=[v[0] for v in PERSONAS.values()])
    region_names = list(REGIONS)
    region = rng.choice(region_names, size=N_CUSTOMERS, p=[v[0] for v in REGIONS.values()])
    language = np.array([pick(rng, list(REGIONS[r][1]), p=list(REGIONS[r][1].values()))
                         for r in region])
    aov = np.round(np.exp(rng.normal(4.0, 0.55, N_CUSTOMERS)), 2)
    aov = np.where(persona == "Business buyer", np.round(aov * 2.2, 2), aov)
    orders = 1 + rng.poisson(np.where(persona == "Loyal regular", 9, 4))
    clv = np.round(aov * orders * rng.uniform(0.9, 1.1, N_CUSTOMERS), 2)
    high_value = clv >= np.quantile(clv, 0.8)
    base = np.array([PERSONAS[p][1] for p in persona]) + rng.normal(0, 1.1, N_CUSTOMERS)
    base = np.where(high_value, rng.normal(7.8, 0.3, N_CUSTOMERS), base)
    improver = (base >= 7.0) & (base < 8.8) & (rng.random(N_CUSTOMERS) < 0.6) & ~high_value
    pref_channel = rng.choice(list(CHANNELS), size=N_CUSTOMERS, p=list(CHANNELS.values()))
    # the depot that delivers to each customer: 40 depots of very different sizes, drawn from
    # their own seeded stream (every other column stays as it was) and unrelated to the
    # scores - the many-group case a funnel plot is for (issue 27): a league table of raw NPS
    # would still put the smallest depots at both ends
    depot_rng = np.random.default_rng(SEED + 27)
    depot_size = depot_rng.pareto(1.2, 40) + 0.2
    depot = depot_rng.choice(40, size=N_CUSTOMERS, p=depot_size / depot_size.sum())

    rows = []
    span = (END - START).days
    for c in range(N_CUSTOMERS):
        t = START + pd.Timedelta(days=float(rng.uniform(0, span * 0.75)))
        first_answer = None
        while t <= END:
            if rng.random() < 0.4:
                touch = pick(rng, ["after purchase", "after support", "periodic"],
                             p=[0.5, 0.2, 0.3])
                agent = pick(rng, AGENTS) if touch == "after support" else None
                latent = base[c] + rng.normal(0, 0.7 if high_value[c] else 1.15)
                first_answer = first_answer or t
                if improver[c]:
                    latent += min(2.5, 3.5 * (t - first_answer).days / 365)
                if touch == "after support":
                    latent -= 1.4
                    if agent == BAD_AGENT:
                        latent -= 2.2
                delivery_hit = (touch == "after purchase" and region[c] == DELIVERY_REGION
                                and DELIVERY_Q[0] <= t < DELIVERY_Q[1] and rng.random() < 0.85)
                if delivery_hit:
                    latent -= 4.5
                s = int(np.clip(np.rint(latent), 0, 10))
                if high_value[c] and s >= 9 and rng.random() < 0.5:
                    s = 8
                cat = "promoter" if s >= 9 else "passive" if s >= 7 else "detractor"
                p_comment = {"promoter": 0.42, "passive": 0.5, "detractor": 0.66}[cat]
                comment = None
                if rng.random() < p_comment or (delivery_hit and rng.random() < 0.6):
                    forced = None
                    if delivery_hit and cat != "promoter":
                        forced = "delivery"
                    elif touch == "after support" and cat == "detractor" and rng.random() < 0.7:
                        forced = "service"
                    comment = make_comment(rng, str(language[c]), cat, forced, high_value[c])
                channel = pref_channel[c] if rng.random() < 0.7 else pick(rng, list(CHANNELS))
                if touch == "after support" and channel in ("Facebook", "Instagram", "X"):
                    channel = "email"
                rows.append({
                    "date": t.floor("min"), "customer_id": f"C{c + 1:05d}", "score": s,
                    "comment": comment, "channel": channel, "touchpoint": touch,
                    "persona": persona[c], "region": region[c], "language": language[c],
                    "support_agent": agent, "customer_lifetime_value": clv[c],
                    "average_order_value": aov[c], "delivery_depot": f"D{depot[c] + 1:02d}",
                })
            t = t + pd.Timedelta(days=float(rng.uniform(60, 90)),
                                 minutes=float(rng.uniform(-600, 600)))
    df = pd.DataFrame(rows).sort_values(["date", "customer_id"], kind="stable")
    df.insert(0, "response_id", [f"R{i + 1:06d}" for i in range(len(df))])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(OUT, index=False, date_format="%Y-%m-%d %H:%M", compression={
        "method": "gzip", "mtime": 0})
    print(f"wrote {len(df)} responses from {df.customer_id.nunique()} customers to {OUT}")


if __name__ == "__main__":
    main()
