"""Demo-like recipients for screen tests and screenshots (the real demo generator lives in models.demo.campaign)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from models.campaigns.reference import create_campaign, save_recipients
from models.core.types import Campaign, RecipientData
from models.storage.database import Database

SURNAMES_UK = [
    "Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Кравченко", "Олійник", "Шевчук", "Поліщук",
    "Ґалаґан", "Ґудзь", "Єременко", "Єрмоленко", "Іваненко", "Ігнатенко", "Їжакевич", "Їжак", "Гнатюк",
    "Д'яченко", "Пʼятничук", "Мельник", "Лисенко", "Руденко", "Савчук", "Яковенко", "Юрченко",
]
SURNAMES_RU = [
    "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков",
    "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Ёлкин", "Эйхман",
]
GIVEN_UK = ["Олександр", "Іван", "Богдан", "Євген", "Ігор", "Юрій", "Андрій", "Тарас", "Василь", "Ярослав"]
GIVEN_RU = ["Алексей", "Дмитрий", "Сергей", "Николай", "Михаил", "Артём", "Павел", "Виктор", "Григорий"]
PATRONYMIC_UK = ["Іванович", "Петрович", "Олексійович", "Євгенович", "Ігорович", "Юрійович", "Тарасович"]
PATRONYMIC_RU = ["Иванович", "Сергеевич", "Николаевич", "Алексеевич", "Дмитриевич", "Фёдорович"]
PLACES = [
    "СИЗО-1 Симферополь", "СИЗО-2 Таганрог", "ИК-10 Мордовия", "ИК-6 Донское", "ИК-2 Торез",
    "СИЗО-3 Кизел", "ИК-1 Пермь", "Ізолятор Оленівка",
]


def sample_recipients(count: int, seed: int = 7) -> list[RecipientData]:
    rng = random.Random(seed)
    recipients = []
    for number in range(1, count + 1):
        ukrainian = rng.random() < 0.6
        surname = rng.choice(SURNAMES_UK if ukrainian else SURNAMES_RU)
        given = rng.choice(GIVEN_UK if ukrainian else GIVEN_RU)
        patronymic = rng.choice(PATRONYMIC_UK if ukrainian else PATRONYMIC_RU)
        born = date(1965, 1, 1) + timedelta(days=rng.randrange(0, 38 * 365))
        recipients.append(RecipientData(
            str(number), surname, given, patronymic, born if rng.random() > 0.02 else None, rng.choice(PLACES),
        ))
    return recipients


def make_campaign(db: Database, name: str, recipients: list[RecipientData]) -> Campaign:
    campaign = create_campaign(db, name, target_count=len(recipients))
    save_recipients(db, campaign, recipients)
    return campaign
