FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY eslabon ./eslabon
COPY manage.py ./
RUN pip install --no-cache-dir .
RUN useradd --create-home eslabon && mkdir -p /data && chown eslabon /data
USER eslabon
EXPOSE 8000
CMD ["gunicorn", "eslabon.wsgi:application", "--bind", "0.0.0.0:8000"]
